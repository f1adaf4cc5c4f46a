import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { captureStreamingFetch } from "@/lib/providers/wire/capture-fetch";
import { batchesFromBody, batchesFromStream, type PartBatches } from "@/lib/providers/wire/part-batches";
import { callerBaseUrlFetch } from "@/lib/server/base-url-fetch";
import { CompletionError, redactError, toCompletionError } from "./errors";
import type { PreparedRun } from "./prepare";
import { RunState } from "./run-state";

function timeoutMs(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Time allowed for the provider's response headers, and for the gap between two stream parts. */
export const upstreamTimeout = () => timeoutMs("UPSTREAM_TIMEOUT_MS", 120_000);
export const upstreamIdleTimeout = () => timeoutMs("UPSTREAM_IDLE_TIMEOUT_MS", 120_000);
/** The most output one run may produce (its chunks, the final content, the log row): 4 MiB unless set. */
export const maxOutputBytes = () => Math.floor(timeoutMs("MAX_OUTPUT_BYTES", 4 * 1024 * 1024));

const utf8 = new TextEncoder();

/** The longest prefix of `text` that fits in `budget` UTF-8 bytes, never splitting a character. */
function prefixWithin(text: string, budget: number): string {
  if (budget <= 0) return "";
  const { read } = utf8.encodeInto(text, new Uint8Array(budget));
  return text.slice(0, read);
}

/** Upstream calls one run may make, retries and fallbacks together (1 + 5 fallback models, some retried). */
export const MAX_UPSTREAM_ATTEMPTS = 10;

const RETRYABLE = new Set([429, 502, 503, 504]);
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/** The keys a run's texts must never show: the request's own and the one actually used (saved or env). */
export function runSecrets(run: PreparedRun): (string | null | undefined)[] {
  return [run.apiKey, run.request.provider_api_key];
}

/** A run whose upstream answered: its stream, and the model that answered (a fallback may have stepped in). */
export interface StartedRun {
  /** The provider's stream parts, a batch per upstream read. */
  batches: PartBatches;
  modelId: string;
  /** Aborts the upstream request: a client that goes away, Stop, or a timeout. */
  abort: AbortController;
  /** Replayed from the cache: no upstream call was made. */
  cacheHit?: boolean;
}

/**
 * Calls the provider until its response headers arrive, so that an upstream 401/429/5xx becomes our HTTP status
 * before any byte of the stream goes out. `retry` retries 429/5xx with backoff; `fallback_strategy` tries other
 * models in order after an error.
 */
export async function startRun(run: PreparedRun, clientSignal: AbortSignal): Promise<StartedRun> {
  // The schema caps fallback_strategy; a model named twice is tried once, and all tries together stay bounded.
  const models = [...new Set([run.modelId, ...(run.request.fallback_strategy ?? [])])];
  const attempts = run.request.retry ? 3 : 1;
  let budget = MAX_UPSTREAM_ATTEMPTS;
  let lastError: CompletionError | undefined;
  for (const modelId of models) {
    for (let attempt = 0; attempt < attempts && budget > 0; attempt++) {
      if (clientSignal.aborted) throw new CompletionError(499, "cancelled", "The client closed the request.");
      budget--;
      const abort = new AbortController();
      const onClientAbort = () => abort.abort(clientSignal.reason);
      clientSignal.addEventListener("abort", onClientAbort, { once: true });
      const timer = setTimeout(
        () => abort.abort(new DOMException("upstream timeout", "TimeoutError")),
        upstreamTimeout(),
      );
      try {
        // A base URL the caller chose: pinned to the checked address, no redirects. The operator's: the global fetch.
        const base = run.baseURL ? callerBaseUrlFetch() : undefined;
        const capture = run.adapter.wireParser ? captureStreamingFetch(base) : undefined;
        const model = run.adapter.createModel({
          modelId,
          apiKey: run.apiKey,
          baseURL: run.baseURL,
          fetch: capture?.fetch ?? base,
        });
        const { stream } = await model.doStream({ ...run.callOptions, abortSignal: abort.signal });
        const raw = capture?.response();
        if (!raw?.body || !run.adapter.wireParser) return { batches: batchesFromStream(stream), modelId, abort };
        // The SDK saw an empty body: its stream holds only its own parts (stream-start warnings, a finish).
        const first = await sdkStartParts(stream);
        return { batches: batchesFromBody(raw.body, run.adapter.wireParser(), first), modelId, abort };
      } catch (error) {
        clientSignal.removeEventListener("abort", onClientAbort);
        const reason = abort.signal.reason as { name?: string } | undefined;
        lastError = toCompletionError(reason?.name === "TimeoutError" ? reason : error, {
          provider: run.provider,
          model: modelId,
          apiKey: run.apiKey,
          secrets: runSecrets(run),
        });
        const status = lastError.extra.upstreamStatus ?? lastError.status;
        if (!run.request.retry || !RETRYABLE.has(status) || attempt === attempts - 1 || budget === 0) break;
        const retryAfter = Number(lastError.extra.retryAfter);
        await sleep(Number.isFinite(retryAfter) ? Math.min(retryAfter * 1000, 5000) : 250 * 2 ** attempt, clientSignal);
      } finally {
        clearTimeout(timer);
      }
    }
  }
  throw lastError ?? new CompletionError(500, "internal_error", "The run did not start.");
}

/** The SDK's stream-start part (its warnings about dropped settings), from a stream with an empty body. */
async function sdkStartParts(stream: ReadableStream<LanguageModelV4StreamPart>): Promise<LanguageModelV4StreamPart[]> {
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.type === "stream-start") parts.push(value);
    }
  } catch {
    // an empty body can only end the SDK's stream early; its warnings are all we wanted
  }
  return parts;
}

export interface PumpCallbacks {
  /**
   * A piece of chunk text (never empty), as soon as the part that carries it arrives. A returned promise pauses the
   * upstream read until it settles: the client is not reading, so nothing more is pulled from the provider (the TCP
   * window then holds the provider back) and nothing piles up here.
   */
  onPiece(piece: string): Promise<void> | void;
}

/**
 * Reads the provider stream into the state until it ends, errors, goes idle past the limit, or the client leaves.
 * Never throws: every failure lands in `state.error` as a specific CompletionError.
 */
export async function pumpRun(run: PreparedRun, started: StartedRun, state: RunState, callbacks: PumpCallbacks) {
  const idleLimit = upstreamIdleTimeout();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const armIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => started.abort.abort(new DOMException("upstream idle", "TimeoutError")), idleLimit);
  };
  const context = { provider: run.provider, model: started.modelId, apiKey: run.apiKey, secrets: runSecrets(run) };
  const maxBytes = maxOutputBytes();
  let outputBytes = 0;
  try {
    armIdle();
    for (;;) {
      const { done, value: batch } = await started.batches.next();
      if (done) break;
      armIdle();
      // A whole upstream read at once: its pieces become one piece, so one event, one write.
      let piece = "";
      for (const part of batch) {
        piece += state.accept(part);
        if (state.error) break;
      }
      const size = piece === "" ? 0 : Buffer.byteLength(piece);
      if (outputBytes + size > maxBytes || state.reasoning.length > maxBytes) {
        // Past the cap: keep what fits, stop the provider, and say which limit ended the run.
        const kept = prefixWithin(piece, maxBytes - outputBytes);
        state.truncateLast(piece.length - kept.length);
        piece = kept;
        state.finishReason = "max_output_bytes";
        state.error = new CompletionError(
          502,
          "output_limit",
          `The output reached the server's limit of ${maxBytes} bytes (MAX_OUTPUT_BYTES); the ${run.provider} call was stopped and the text so far kept.`,
          { provider: run.provider },
        );
      }
      outputBytes += piece === "" ? 0 : Buffer.byteLength(piece);
      if (piece !== "") {
        state.firstTokenAt ??= performance.now();
        const paused = callbacks.onPiece(piece);
        if (paused) {
          // Waiting on the client is not upstream silence.
          clearTimeout(idleTimer);
          await paused;
          armIdle();
        }
      }
      if (state.error) {
        started.abort.abort();
        break;
      }
    }
    if (!state.error && !state.finished) {
      const closing = state.closeAll();
      if (closing) callbacks.onPiece(closing);
      state.error = new CompletionError(
        502,
        "upstream_stream_error",
        `The ${run.provider} stream ended before the model finished (no finish reason): the connection was cut mid-stream.`,
        { provider: run.provider },
      );
    }
  } catch (error) {
    const reason = started.abort.signal.reason as { name?: string } | undefined;
    if (reason?.name === "TimeoutError") {
      state.error = new CompletionError(
        504,
        "upstream_timeout",
        `${run.provider} sent nothing for ${Math.round(idleLimit / 1000)} s; the run was stopped (UPSTREAM_IDLE_TIMEOUT_MS).`,
        { provider: run.provider },
      );
    } else if (started.abort.signal.aborted) {
      state.error = new CompletionError(
        499,
        "cancelled",
        "The client closed the request; the upstream call was cancelled.",
      );
    } else {
      // Whatever broke after the headers (a reset socket, a body the SDK could not read) is a cut stream.
      const detail = toCompletionError(error, context).message;
      state.error = new CompletionError(
        502,
        "upstream_stream_error",
        `The ${run.provider} stream was cut mid-way: ${detail}`,
        { provider: run.provider },
      );
    }
  } finally {
    clearTimeout(idleTimer);
    // The one exit of every stream error (a provider's in-stream message, a cut, a timeout) to the client, the log
    // and the store: redacted here, whatever produced it.
    if (state.error) state.error = redactError(state.error, runSecrets(run));
    await started.batches.return?.(undefined)?.catch?.(() => undefined);
  }
}

export { RunState };
