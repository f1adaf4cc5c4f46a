import "server-only";
import { resolveMetrics, runEvals, UnknownEvalMetricError } from "@/lib/evals";
import type { CompletionRequest, Message } from "@/lib/schema/completion-request";
import { isProviderId } from "@/lib/schema/providers";
import { logError } from "@/lib/server/log-line";
import type { Store } from "@/lib/store";
import { CompletionError } from "./errors";
import { prepareRun, type SavedKeyLookup } from "./prepare";
import { pumpRun, RunState, startRun } from "./run";

type EvalMetrics = Awaited<ReturnType<Store["listEvalMetrics"]>>;

/** Checks eval_metric_ids before anything runs: an unknown id is a 422 that lists the known ones. */
export async function loadEvalMetrics(request: CompletionRequest, store: Store | undefined): Promise<EvalMetrics> {
  const ids = request.eval_metric_ids ?? [];
  if (ids.length === 0) return [];
  if (!store) throw new CompletionError(503, "internal_error", "Evals need the store, which is unavailable.");
  const metrics = await store.listEvalMetrics();
  try {
    resolveMetrics(ids, metrics);
  } catch (error) {
    if (!(error instanceof UnknownEvalMetricError)) throw error;
    throw new CompletionError(422, "validation_error", error.message, {
      detail: [{ loc: ["body", "eval_metric_ids"], msg: error.message, type: "value_error" }],
    });
  }
  return metrics;
}

/** Scores the output with the requested metrics; the judge runs through this same pipeline with the operator's keys. */
export async function scoreOutput(
  request: CompletionRequest,
  metrics: EvalMetrics,
  output: string,
  messages: readonly Message[],
  savedKey: SavedKeyLookup,
): Promise<Record<number, number> | undefined> {
  const ids = request.eval_metric_ids ?? [];
  if (ids.length === 0) return undefined;
  return runEvals(
    ids,
    output,
    { target: request.target, inputs: { ...(request.inputs ?? {}), ...(request.llm_inputs ?? {}) }, messages },
    {
      metrics,
      complete: (prompt, options) => judge(prompt, options, request, savedKey),
      onError: (id, error) => logError(`[evals] metric ${id} did not score: ${(error as Error).message}`),
    },
  );
}

async function judge(
  prompt: string,
  options: { provider?: string; model?: string },
  request: CompletionRequest,
  savedKey: SavedKeyLookup,
): Promise<string> {
  const provider = options.provider ?? request.llm_configuration.provider ?? "local";
  if (!isProviderId(provider)) throw new Error(`unknown judge provider ${provider}`);
  // The judge keeps the request's key only together with the request's base URL (same provider): the key goes where
  // its sender sent it, and prepareRun's rule holds (never the server's key to a base URL the request chose).
  const sameProvider = provider === request.llm_configuration.provider;
  const judgeRequest: CompletionRequest = {
    ...request,
    eval_metric_ids: null,
    provider_api_key: sameProvider ? request.provider_api_key : null,
    llm_configuration: {
      provider,
      base_url: sameProvider ? request.llm_configuration.base_url : null,
      model: options.model ?? request.llm_configuration.model,
      messages: [{ role: "user", content: prompt }],
      model_params: { temp: 0, max_length: 200 },
    },
  };
  const run = await prepareRun(judgeRequest, performance.now(), { savedKey });
  const started = await startRun(run, new AbortController().signal);
  const state = new RunState();
  await pumpRun(run, started, state, { onPiece() {} });
  if (state.error) throw state.error;
  return state.content;
}
