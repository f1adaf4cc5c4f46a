import "server-only";
import { authenticate } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { readJsonBody } from "@/lib/server/request-body";
import { CompletionError } from "./errors";
import { type PreparedRun, parseCompletionRequest, prepareRun } from "./prepare";
import type { CompletionResponseBody } from "./response";
import { buildResponse } from "./response";
import { pumpRun, RunState, startRun } from "./run";
import { streamResponse } from "./stream-response";

function logRun(run: PreparedRun, body: CompletionResponseBody) {
  // One line per run, never the body or a key: provider, model, outcome and timings only.
  if (process.env.LOG_RUNS === "0") return;
  console.log(
    `[run] ${body.trace_id} ${run.provider}/${run.modelId} ${body.status}${body.error_type ? `:${body.error_type}` : ""} ` +
      `ttft=${body.time_to_first_token}s latency=${body.latency}s tokens=${body.input_tokens}+${body.output_tokens}`,
  );
}

/** POST /completion and /completion/stream: auth → body → schema → prepare → provider → respond. */
export async function handleCompletion(request: Request, mode: "stream" | "json"): Promise<Response> {
  const startedAt = performance.now();
  if (!authenticate(request.headers)) return unauthorized();
  let apiKey: string | undefined;
  try {
    const body = await readJsonBody(request);
    const parsed = parseCompletionRequest(body);
    apiKey = parsed.provider_api_key ?? undefined;
    const run = await prepareRun(parsed, startedAt);
    const started = await startRun(run, request.signal);
    if (mode === "stream") return streamResponse(run, started, (result) => logRun(run, result));

    const state = new RunState();
    await pumpRun(run, started, state, { onPiece() {} });
    const result = buildResponse(run, state, state.error, started.modelId);
    logRun(run, result);
    if (state.error) {
      const failure = state.error.toJSON();
      return jsonResponse({ ...result, detail: failure.detail, error: result.error }, state.error.status);
    }
    return jsonResponse(result);
  } catch (error) {
    if (!(error instanceof CompletionError)) return errorResponse(error, [apiKey]);
    return errorResponse(error);
  }
}
