import { encodeEvent, encodeStartEvent, SSE_HEADERS } from "@/lib/stream/parea-sse";
import type { PreparedRun } from "./prepare";
import { buildResponse, type CompletionResponseBody } from "./response";
import { pumpRun, RunState, type StartedRun } from "./run";

const encoder = new TextEncoder();

/**
 * The SSE response: `ID_START<trace_id>`, then one `{"chunk": ...}` event per write, then a final event with the
 * CompletionResponse fields (`done: true`; `error` too when the run failed after the headers went out).
 *
 * Pieces that arrive together (one TCP read of the upstream often holds many) are merged into one event at the end
 * of the current turn of the event loop: Parea's SDK loses a second event written in the same chunk, and fewer writes
 * is the throughput win. While the client is not reading (the queue is full), the next piece pauses the upstream read
 * until the client pulls, so a client that never reads holds one event and one upstream read here, not the output.
 */
export interface RunHooks {
  /** Completes the final body before it goes out (eval scores), and stores the run (cache, log row). */
  finalize(body: CompletionResponseBody, state: RunState): Promise<CompletionResponseBody>;
  /** After the last byte: the server's log line. */
  onEnd(body: CompletionResponseBody): void;
}

export function streamResponse(run: PreparedRun, started: StartedRun, hooks: RunHooks): Response {
  const state = new RunState();
  let pending = "";
  let scheduled = false;
  let waitingForPull = false;
  let closed = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  /** Resolves the paused upstream read (pumpRun waits on it while the client does not read). */
  let resume: (() => void) | undefined;
  const wake = () => {
    const waiting = resume;
    resume = undefined;
    waiting?.();
  };

  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      closed = true; // the client went away between two parts
    }
  };

  const flush = () => {
    scheduled = false;
    if (pending === "" || closed) return;
    if ((controller.desiredSize ?? 1) <= 0) {
      waitingForPull = true;
      return;
    }
    waitingForPull = false;
    const toolCalls = state.takeToolDeltas();
    write(encodeEvent(toolCalls ? { chunk: pending, tool_calls_delta: toolCalls } : { chunk: pending }));
    pending = "";
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        write(encodeStartEvent(run.traceId));
        void pumpRun(run, started, state, {
          onPiece(piece) {
            pending += piece;
            if (!scheduled) {
              scheduled = true;
              setImmediate(flush);
            }
            if (!waitingForPull || closed) return undefined;
            return new Promise<void>((resolve) => {
              resume = resolve;
            });
          },
        }).then(async () => {
          const body = await hooks.finalize(
            buildResponse(run, state, state.error, started.modelId, started.cacheHit),
            state,
          );
          const toolCalls = state.takeToolDeltas();
          write(
            encodeEvent({
              chunk: pending,
              ...(toolCalls ? { tool_calls_delta: toolCalls } : {}),
              done: true,
              ...body,
              ...(state.error ? { error: state.error.toJSON().error } : {}),
            }),
          );
          pending = "";
          if (!closed) {
            closed = true;
            try {
              controller.close();
            } catch {
              // already cancelled by the client
            }
          }
          hooks.onEnd(body);
        });
      },
      pull() {
        if (waitingForPull) flush();
        wake();
      },
      cancel() {
        closed = true;
        started.abort.abort();
        wake();
      },
    },
    { highWaterMark: 1 },
  );

  return new Response(stream, { status: 200, headers: { ...SSE_HEADERS, "X-Trace-Id": run.traceId } });
}
