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
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
  SharedV4Warning,
} from "@ai-sdk/provider";
import type { ChatHistoryItem, LLamaContextualRepeatPenalty, Token } from "node-llama-cpp";
import { type ContextLease, getLocalModel, type LoadedLocalModel } from "./engine";
import { callWarnings, convertLocalPrompt } from "./local-prompt";
import { resolveLocalModelPath } from "./models";
import { StopSequenceFilter } from "./stop-sequences";

export { convertLocalPrompt } from "./local-prompt";
export { StopSequenceFilter } from "./stop-sequences";

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
        // A few preceding tokens are all the detokenizer needs (leading spaces); more only costs time per token.
        if (seen.length > 32) seen.splice(0, seen.length - 8);
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
