import "server-only";
import { authenticate } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { logInfo } from "@/lib/server/log-line";
import { readJsonBody } from "@/lib/server/request-body";
import type { Store } from "@/lib/store";
import { cachedBatches, readCache, runCacheKey, writeCache } from "./cache";
import { applyDeployment } from "./deployment";
import { CompletionError, redactError } from "./errors";
import { loadEvalMetrics, scoreOutput } from "./evals";
import { logRun, type RunLog, startRunLog } from "./log-run";
import { type PreparedRun, parseCompletionRequest, prepareRun } from "./prepare";
import { buildResponse, type CompletionResponseBody } from "./response";
import { pumpRun, RunState, type StartedRun, startRun } from "./run";
import { storeOrUndefined } from "./run-store";
import { type RunHooks, streamResponse } from "./stream-response";

function logLine(run: PreparedRun, body: CompletionResponseBody) {
  // One line per run, never the body or a key: provider, model, outcome and timings only.
  if (process.env.LOG_RUNS === "0") return;
  logInfo(
    `[run] ${body.trace_id} ${run.provider}/${body.model} ${body.status}${body.error_type ? `:${body.error_type}` : ""}` +
      `${body.cache_hit ? " cache-hit" : ""} ttft=${body.time_to_first_token}s latency=${body.latency}s tokens=${body.input_tokens}+${body.output_tokens}`,
  );
}

/**
 * POST /completion and /completion/stream: auth → body → schema → deployment → evals check → prepare (template,
 * key: request > saved > env, env only for the operator's base URL, SSRF) → cache or provider → respond; then, after the last byte, log and cache.
 */
export async function handleCompletion(request: Request, mode: "stream" | "json"): Promise<Response> {
  const startedAt = performance.now();
  const identity = authenticate(request.headers);
  if (!identity) return unauthorized();
  let apiKey: string | undefined;
  let store: Store | undefined;
  let prepared: PreparedRun | undefined;
  let runLog: RunLog | undefined;
  try {
    const parsed = parseCompletionRequest(await readJsonBody(request));
    apiKey = parsed.provider_api_key ?? undefined;
    store = await storeOrUndefined();
    if (parsed.deployment_id && !store)
      throw new CompletionError(503, "internal_error", "Deployments need the store, which is unavailable.");
    const completion = store ? await applyDeployment(parsed, store) : parsed;
    const metrics = await loadEvalMetrics(completion, store);
    const savedKey = async (provider: string, baseUrl?: string) =>
      store?.getProviderKey(identity.id, provider, baseUrl).catch(() => undefined) ?? undefined;
    const run = await prepareRun(completion, startedAt, { savedKey });
    if (!store) run.warnings.push("the store is unavailable: this run is neither logged nor cached");
    prepared = run;
    // The "running" row goes out now, not awaited: a server killed mid-run still leaves a row.
    const log = startRunLog(store, run, identity.id);
    runLog = log;

    const key = completion.cache ? runCacheKey(run, identity.id) : undefined;
    const cached = key ? await readCache(store, key) : undefined;
    const started: StartedRun = cached
      ? { batches: cachedBatches(cached), modelId: run.modelId, abort: new AbortController(), cacheHit: true }
      : await startRun(run, request.signal);

    const hooks: RunHooks = {
      async finalize(body, state) {
        if (key && !cached) await writeCache(store, key, state);
        const scored =
          state.error || !completion.eval_metric_ids?.length
            ? undefined
            : await scoreOutput(completion, metrics, state.content, run.messages, {
                savedKey,
                store,
                traceId: run.traceId,
                identity: identity.id,
              });
        const final = scored ? { ...body, scores: scored.scores, eval_cost: scored.evalCost } : body;
        // Awaited before the final event, like the cache: the row says "running" until then, so a client that has
        // the outcome must find it in the log too.
        await log.finish(completion, final);
        return final;
      },
      onEnd(body) {
        logLine(run, body);
      },
    };
    if (mode === "stream") return streamResponse(run, started, hooks);

    const state = new RunState();
    await pumpRun(run, started, state, { onPiece() {} });
    const result = await hooks.finalize(
      buildResponse(run, state, state.error, started.modelId, started.cacheHit),
      state,
    );
    hooks.onEnd(result);
    if (state.error) return jsonResponse({ ...result, detail: state.error.toJSON().detail }, state.error.status);
    return jsonResponse(result);
  } catch (error) {
    const secrets = [apiKey, prepared?.apiKey];
    const clean = error instanceof CompletionError ? redactError(error, secrets) : error;
    // A run that failed before streaming (upstream 401/429/5xx, timeout, ...) is logged too.
    if (prepared && clean instanceof CompletionError) {
      const failed = buildResponse(prepared, new RunState(), clean);
      logLine(prepared, failed);
      void (runLog ? runLog.finish(prepared.request, failed) : logRun(store, prepared.request, failed, identity.id));
    }
    return errorResponse(clean, secrets);
  }
}
