/**
 * A GGUF model run in-process by node-llama-cpp, behind the AI SDK LanguageModelV4 interface.
 *
 * - A model whose file carries a chat template is prompted through that template (node-llama-cpp's LlamaChat with
 *   the resolved chat wrapper).
 * - A model without one is a base model (stories260K): the messages' text is joined with "\n" and continued as raw
 *   text (LlamaCompletion), so one user message "Once upon a time" is exactly the prompt "Once upon a time".
 *
 * Each call borrows a context from the model's pool (waiting in FIFO order when all are busy) and always gives it back.
 */
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
  SharedV4Warning,
} from "@ai-sdk/provider";
import type { ChatHistoryItem, LLamaContextualRepeatPenalty, Token } from "node-llama-cpp";
import { type ContextLease, getLocalModel, type LoadedLocalModel } from "./engine";
import { resolveLocalModelPath } from "./models";

/** Output tokens when the request does not say (maxOutputTokens undefined). */
export const DEFAULT_LOCAL_MAX_OUTPUT_TOKENS = 256;
/** llama.cpp's default temperature, used when the request does not set one. */
export const DEFAULT_LOCAL_TEMPERATURE = 0.8;

export type LocalPromptMode = "auto" | "chat" | "completion";

export interface LocalLanguageModelSettings {
  /**
   * "auto" (default): the model's chat template when its file has one, else raw completion. "chat" forces the chat
   * path (node-llama-cpp picks a wrapper even without a template), "completion" forces raw completion.
   */
  promptMode?: LocalPromptMode;
}

type StopReason = "eogToken" | "stopGenerationTrigger" | "customStopTrigger" | "functionCalls" | "maxTokens" | "abort";

interface GenerationOutcome {
  stopReason: StopReason;
  promptTokens: number;
  outputTokens: number;
}

interface Conversation {
  /** Raw-completion prompt: the messages' text joined with "\n". */
  text: string;
  /** Chat-template history. */
  history: ChatHistoryItem[];
  warnings: SharedV4Warning[];
}

/** Turns the AI SDK prompt into plain text and a chat history, noting what a local text model cannot take. */
export function convertLocalPrompt(prompt: LanguageModelV4Prompt): Conversation {
  const warnings: SharedV4Warning[] = [];
  const warned = new Set<string>();
  const warn = (feature: string, details: string) => {
    if (warned.has(feature)) return;
    warned.add(feature);
    warnings.push({ type: "unsupported", feature, details });
  };
  const texts: string[] = [];
  const history: ChatHistoryItem[] = [];

  for (const message of prompt) {
    switch (message.role) {
      case "system": {
        texts.push(message.content);
        history.push({ type: "system", text: message.content });
        break;
      }
      case "user": {
        let text = "";
        for (const part of message.content) {
          if (part.type === "text") text += part.text;
          else warn("file parts", "Local models read text only; file parts were left out of the prompt.");
        }
        texts.push(text);
        history.push({ type: "user", text });
        break;
      }
      case "assistant": {
        let text = "";
        for (const part of message.content) {
          if (part.type === "text") text += part.text;
          else if (part.type === "reasoning") continue;
          else if (part.type === "tool-call" || part.type === "tool-result") {
            warn("tools", "Local models do not call tools; tool calls were left out of the prompt.");
          } else warn("file parts", "Local models read text only; file parts were left out of the prompt.");
        }
        texts.push(text);
        history.push({ type: "model", response: text ? [text] : [] });
        break;
      }
      case "tool": {
        warn("tools", "Local models do not call tools; tool results were left out of the prompt.");
        break;
      }
    }
  }
  // Empty turns (an assistant message that was only a tool call) add no blank lines.
  return { text: texts.filter((text) => text !== "").join("\n"), history, warnings };
}

function callWarnings(options: LanguageModelV4CallOptions): SharedV4Warning[] {
  const warnings: SharedV4Warning[] = [];
  if (options.tools && options.tools.length > 0) {
    warnings.push({ type: "unsupported", feature: "tools", details: "Local models do not call tools." });
  }
  if (options.toolChoice && options.toolChoice.type !== "auto" && options.toolChoice.type !== "none") {
    warnings.push({ type: "unsupported", feature: "toolChoice" });
  }
  if (options.responseFormat?.type === "json") {
    warnings.push({
      type: "unsupported",
      feature: "responseFormat",
      details: "JSON output is not enforced for local models; the model writes plain text.",
    });
  }
  if (options.reasoning && options.reasoning !== "provider-default") {
    warnings.push({ type: "unsupported", feature: "reasoning" });
  }
  return warnings;
}

function finishReasonOf(stopReason: StopReason): LanguageModelV4FinishReason {
  switch (stopReason) {
    case "maxTokens":
      return { unified: "length", raw: "length" };
    case "abort":
      return { unified: "stop", raw: "abort" };
    default:
      return { unified: "stop", raw: "stop" };
  }
}

function usageOf(promptTokens: number, outputTokens: number): LanguageModelV4Usage {
  return {
    inputTokens: { total: promptTokens, noCache: promptTokens, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
  };
}

/** Sampling options shared by LlamaCompletion and LlamaChat. */
function samplingOptions(options: LanguageModelV4CallOptions) {
  const temperature = Math.max(0, options.temperature ?? DEFAULT_LOCAL_TEMPERATURE);
  const penalties = options.presencePenalty !== undefined || options.frequencyPenalty !== undefined;
  const repeatPenalty: false | LLamaContextualRepeatPenalty = penalties
    ? {
        penalty: 1,
        lastTokens: 64,
        ...(options.presencePenalty !== undefined ? { presencePenalty: options.presencePenalty } : {}),
        ...(options.frequencyPenalty !== undefined ? { frequencyPenalty: options.frequencyPenalty } : {}),
      }
    : false;
  const maxTokens =
    options.maxOutputTokens !== undefined && options.maxOutputTokens > 0
      ? Math.floor(options.maxOutputTokens)
      : DEFAULT_LOCAL_MAX_OUTPUT_TOKENS;
  return {
    temperature,
    ...(options.topP !== undefined ? { topP: options.topP } : {}),
    ...(options.topK !== undefined ? { topK: Math.max(0, Math.floor(options.topK)) } : {}),
    // node-llama-cpp seeds with the current second when none is given: concurrent runs would all sample alike.
    seed: options.seed !== undefined ? Math.floor(Math.abs(options.seed)) : Math.floor(Math.random() * 2 ** 31),
    maxTokens,
    repeatPenalty,
  };
}

/**
 * Stop sequences applied to the streamed text (as OpenAI does: the output ends right before the first stop sequence,
 * which is not emitted). Text that may be the start of a stop sequence is held back until it is decided.
 * node-llama-cpp's own stop triggers work on tokens and lose the part of a token before the trigger ("▁Lily").
 */
export class StopSequenceFilter {
  private pending = "";
  private readonly stops: string[];
  stopped = false;

  constructor(
    stops: readonly string[] | undefined,
    private readonly emit: (text: string) => void,
  ) {
    this.stops = (stops ?? []).filter((stop) => stop.length > 0);
  }

  /** Adds generated text; returns true once a stop sequence has been found (generation should end). */
  push(text: string): boolean {
    if (this.stopped) return true;
    if (this.stops.length === 0) {
      this.emit(text);
      return false;
    }
    this.pending += text;
    let stopAt = -1;
    for (const stop of this.stops) {
      const index = this.pending.indexOf(stop);
      if (index >= 0 && (stopAt < 0 || index < stopAt)) stopAt = index;
    }
    if (stopAt >= 0) {
      this.stopped = true;
      this.emit(this.pending.slice(0, stopAt));
      this.pending = "";
      return true;
    }
    let hold = 0;
    for (const stop of this.stops) {
      for (let length = Math.min(stop.length - 1, this.pending.length); length > hold; length--) {
        if (this.pending.endsWith(stop.slice(0, length))) {
          hold = length;
          break;
        }
      }
    }
    this.emit(this.pending.slice(0, this.pending.length - hold));
    this.pending = this.pending.slice(this.pending.length - hold);
    return false;
  }

  /** The held-back text, once generation has ended without a stop sequence. */
  flush(): void {
    if (!this.stopped && this.pending) this.emit(this.pending);
    this.pending = "";
  }
}

export class LocalLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = "v4";
  readonly provider = "local";
  readonly supportedUrls: Record<string, RegExp[]> = {};

  constructor(
    readonly modelId: string,
    private readonly settings: LocalLanguageModelSettings = {},
  ) {}

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const { stream } = await this.doStream(options);
    const reader = stream.getReader();
    let text = "";
    let warnings: SharedV4Warning[] = [];
    let finish: Extract<LanguageModelV4StreamPart, { type: "finish" }> | undefined;
    let modelId: string | undefined;
    let timestamp: Date | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      switch (value.type) {
        case "stream-start":
          warnings = value.warnings;
          break;
        case "response-metadata":
          modelId = value.modelId;
          timestamp = value.timestamp;
          break;
        case "text-delta":
          text += value.delta;
          break;
        case "finish":
          finish = value;
          break;
        case "error":
          throw value.error;
      }
    }
    const content: LanguageModelV4Content[] = text ? [{ type: "text", text }] : [];
    return {
      content,
      finishReason: finish?.finishReason ?? { unified: "other", raw: undefined },
      usage: finish?.usage ?? usageOf(0, 0),
      warnings,
      response: { modelId: modelId ?? this.modelId, ...(timestamp ? { timestamp } : {}) },
    };
  }

  /**
   * Rejects (before any stream) with LocalModelError when the model file is missing, misnamed or unloadable, and
   * with the abort reason when the request is aborted while waiting for a free context.
   */
  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const filePath = await resolveLocalModelPath(this.modelId);
    const loaded = await getLocalModel(filePath, this.modelId);
    const conversation = convertLocalPrompt(options.prompt);
    const warnings = [...callWarnings(options), ...conversation.warnings];
    const mode = this.settings.promptMode ?? "auto";
    const useChat = mode === "chat" || (mode === "auto" && loaded.chatTemplate !== undefined);

    // Stop (the request's signal), a cancelled stream or a stop sequence end the generation at once.
    const cancel = new AbortController();
    const stopSequence = new AbortController();
    const signal = AbortSignal.any(
      options.abortSignal
        ? [options.abortSignal, cancel.signal, stopSequence.signal]
        : [cancel.signal, stopSequence.signal],
    );

    const lease = await loaded.pool.acquire(signal);
    const modelId = this.modelId;
    let closed = false;

    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      start: (controller) => {
        const emit = (part: LanguageModelV4StreamPart) => {
          if (closed) return;
          try {
            controller.enqueue(part);
          } catch {
            closed = true;
          }
        };
        const close = () => {
          if (closed) return;
          closed = true;
          try {
            controller.close();
          } catch {
            // already closed or cancelled
          }
        };

        emit({ type: "stream-start", warnings });
        emit({ type: "response-metadata", modelId, timestamp: new Date() });
        emit({ type: "text-start", id: "0" });
        const filter = new StopSequenceFilter(options.stopSequences, (delta) => {
          if (delta) emit({ type: "text-delta", id: "0", delta });
        });
        const onDelta = (delta: string) => {
          if (filter.push(delta) && !stopSequence.signal.aborted) stopSequence.abort();
        };

        void (async () => {
          let broken = false;
          try {
            const outcome = useChat
              ? await generateChat(loaded, lease, conversation.history, options, signal, onDelta)
              : await generateCompletion(loaded, lease, conversation.text, options, signal, onDelta);
            filter.flush();
            emit({ type: "text-end", id: "0" });
            emit({
              type: "finish",
              usage: usageOf(outcome.promptTokens, outcome.outputTokens),
              finishReason: finishReasonOf(filter.stopped ? "customStopTrigger" : outcome.stopReason),
            });
          } catch (error) {
            broken = !signal.aborted;
            emit({ type: "error", error });
          } finally {
            await lease.release({ broken });
            close();
          }
        })();
      },
      cancel: () => {
        closed = true;
        cancel.abort(new DOMException("The stream was cancelled.", "AbortError"));
      },
    });
    return { stream, request: { body: { model: modelId, mode: useChat ? "chat" : "completion" } } };
  }
}

/** The token that node-llama-cpp's LlamaCompletion puts before the input (mirrors its resolveBeginningTokenToPrepend). */
function beginningToken(loaded: LoadedLocalModel): Token | null {
  const { model, lib } = loaded;
  const vocabulary = model.vocabularyType;
  if (vocabulary === lib.LlamaVocabularyType.rwkv || vocabulary === lib.LlamaVocabularyType.ugm) return null;
  if (vocabulary === lib.LlamaVocabularyType.wpm) return model.tokens.bos;
  return model.tokens.shouldPrependBosToken ? model.tokens.bos : null;
}

function abortedOutcome(signal: AbortSignal, error: unknown, promptTokens: number, outputTokens: number) {
  if (signal.aborted) return { stopReason: "abort" as const, promptTokens, outputTokens };
  throw error;
}

async function generateCompletion(
  loaded: LoadedLocalModel,
  lease: ContextLease,
  prompt: string,
  options: LanguageModelV4CallOptions,
  signal: AbortSignal,
  onDelta: (delta: string) => void,
): Promise<GenerationOutcome> {
  const { model, lib } = loaded;
  const bos = beginningToken(loaded);
  // Tokenized as LlamaCompletion would, so the detokenizer can see the prompt and keep the first delta's leading space.
  const promptTokens = model.tokenize(prompt, false, bos !== null ? "trimLeadingSpace" : undefined);
  if (promptTokens.length === 0 && bos === null) throw new Error("The prompt is empty.");
  const contextSize = lease.sequence.contextSize;
  const promptCount = Math.min(promptTokens.length + (bos !== null ? 1 : 0), contextSize);
  const seen: Token[] = [...promptTokens];
  let outputTokens = 0;

  const completion = new lib.LlamaCompletion({ contextSequence: lease.sequence });
  try {
    const result = await completion.generateCompletionWithMeta(promptTokens, {
      ...samplingOptions(options),
      signal,
      stopOnAbortSignal: true,
      onToken(tokens) {
        outputTokens += tokens.length;
        const text = model.detokenize(tokens, false, seen);
        for (const token of tokens) seen.push(token);
        if (seen.length > 256) seen.splice(0, seen.length - 64);
        onDelta(text);
      },
    });
    return { stopReason: result.metadata.stopReason, promptTokens: promptCount, outputTokens };
  } catch (error) {
    return abortedOutcome(signal, error, promptCount, outputTokens);
  } finally {
    completion.dispose({ disposeSequence: false });
  }
}

async function generateChat(
  loaded: LoadedLocalModel,
  lease: ContextLease,
  history: ChatHistoryItem[],
  options: LanguageModelV4CallOptions,
  signal: AbortSignal,
  onDelta: (delta: string) => void,
): Promise<GenerationOutcome> {
  const { model, lib } = loaded;
  const chatWrapper = lib.resolveChatWrapper(model);
  const fullHistory: ChatHistoryItem[] =
    history.at(-1)?.type === "model" ? history : [...history, { type: "model", response: [] }];
  let promptTokens = 0;
  try {
    const { contextText } = chatWrapper.generateContextState({ chatHistory: fullHistory });
    promptTokens = Math.min(contextText.tokenize(model.tokenizer).length, lease.sequence.contextSize);
  } catch {
    promptTokens = 0;
  }
  let outputTokens = 0;

  const chat = new lib.LlamaChat({ contextSequence: lease.sequence, chatWrapper });
  try {
    const result = await chat.generateResponse(fullHistory, {
      ...samplingOptions(options),
      signal,
      stopOnAbortSignal: true,
      onToken(tokens) {
        outputTokens += tokens.length;
      },
      onTextChunk: onDelta,
    });
    return { stopReason: result.metadata.stopReason, promptTokens, outputTokens };
  } catch (error) {
    return abortedOutcome(signal, error, promptTokens, outputTokens);
  } finally {
    chat.dispose({ disposeSequence: false });
  }
}
