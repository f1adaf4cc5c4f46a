import { readPareaStream } from "@/lib/stream/parea-sse-parser";
import type { RunErrorInfo, RunResult, ValidationIssue } from "./run-types";

export const STREAM_ENDPOINT = "/api/parea/v1/completion/stream";

export interface ToolCallDelta {
  index: number;
  id: string;
  name?: string;
  arguments: string;
}

export interface StreamHandlers {
  onStart(traceId: string): void;
  /** Plain assistant text (the JSON list a function-calling run streams as its content is left out). */
  onText(text: string): void;
  onToolCallDeltas(deltas: ToolCallDelta[]): void;
}

/** A failure the UI explains: the server's error body, a mid-stream error, or an unreachable server. */
export class RunFailure extends Error {
  constructor(
    readonly info: RunErrorInfo,
    readonly result?: RunResult,
  ) {
    super(info.message);
    this.name = "RunFailure";
  }
}

interface ErrorBody {
  detail?: string | { loc?: (string | number)[]; msg?: string }[];
  error?: { type?: string; message?: string; provider?: string };
}

async function readError(response: Response): Promise<RunErrorInfo> {
  let body: ErrorBody | undefined;
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    body = undefined;
  }
  const detail: ValidationIssue[] | undefined = Array.isArray(body?.detail)
    ? body.detail.map((issue) => ({ loc: issue.loc ?? [], msg: issue.msg ?? "invalid" }))
    : undefined;
  const message =
    body?.error?.message ??
    (typeof body?.detail === "string" ? body.detail : `The server answered ${response.status}.`);
  return {
    status: response.status,
    type: body?.error?.type ?? `http_${response.status}`,
    message,
    provider: body?.error?.provider,
    detail,
  };
}

/** Where Parea's JSON list of function calls starts inside the streamed content (see lib/completion/run-state). */
const CALL_LIST_HEAD = '[{"function": ';

/**
 * POSTs the request and reports the stream as it arrives. Resolves with the final event's CompletionResponse
 * fields; throws RunFailure for an error the user should read, and the AbortError when `signal` fires.
 */
export async function streamCompletion(
  body: unknown,
  options: { signal: AbortSignal; accessKey?: string },
  handlers: StreamHandlers,
): Promise<RunResult> {
  let response: Response;
  try {
    response = await fetch(STREAM_ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(options.accessKey ? { "x-api-key": options.accessKey } : {}) },
      body: JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new RunFailure({ status: 0, type: "network", message: "Could not reach the playground server." });
  }
  if (!response.ok || !response.body) throw new RunFailure(await readError(response));

  let inToolCalls = false;
  let final: (RunResult & { error?: { type?: string; message?: string; provider?: string } }) | undefined;
  for await (const event of readPareaStream(response.body)) {
    if (event.type === "start") {
      handlers.onStart(event.traceId);
      continue;
    }
    const { data } = event;
    const deltas = Array.isArray(data.tool_calls_delta) ? (data.tool_calls_delta as ToolCallDelta[]) : undefined;
    let text = typeof data.chunk === "string" ? data.chunk : "";
    if (!inToolCalls && deltas) {
      inToolCalls = true;
      const at = text.indexOf(CALL_LIST_HEAD);
      text = at >= 0 ? text.slice(0, at) : "";
    }
    // Once the call list started, the chunks are its JSON text: the cards show it instead.
    if (!inToolCalls && text !== "") handlers.onText(text);
    if (deltas) handlers.onToolCallDeltas(deltas);
    if (data.done === true) final = data as unknown as typeof final;
  }
  if (!final) {
    throw new RunFailure({ status: 200, type: "stream_cut", message: "The stream ended before the run finished." });
  }
  if (final.status === "error" || final.error) {
    const error = typeof final.error === "object" && final.error ? final.error : undefined;
    throw new RunFailure(
      {
        status: 200,
        type: error?.type ?? "upstream_stream_error",
        message: error?.message ?? (typeof final.error === "string" ? final.error : "The run failed mid-stream."),
        provider: error?.provider ?? final.provider,
      },
      final,
    );
  }
  return final;
}
