import "server-only";
import { EvalMetricError, resolveMetrics, runEvals, UnknownEvalMetricError } from "@/lib/evals";
import { compileRegex } from "@/lib/evals/regex";
import { ScoreThread } from "@/lib/evals/score-thread";
import type { CompletionRequest, Message } from "@/lib/schema/completion-request";
import { isProviderId } from "@/lib/schema/providers";
import { logError } from "@/lib/server/log-line";
import { normaliseTraceIds, type Store } from "@/lib/store";
import { CompletionError, validationError } from "./errors";
import { logRun } from "./log-run";
import { prepareRun, type SavedKeyLookup } from "./prepare";
import { buildResponse } from "./response";
import { pumpRun, RunState, startRun } from "./run";

type EvalMetrics = Awaited<ReturnType<Store["listEvalMetrics"]>>;

/**
 * LLM-judge metrics one run may ask for: each is a paid call with the caller's (or the operator's) key. Past it the
 * request is a 422 before anything runs.
 */
export const MAX_JUDGE_METRICS = 3;

/**
 * Checks eval_metric_ids before anything runs: an unknown id is a 422 that lists the known ones; so is a fourth judge
 * metric, and a `target` the regex metric would use as a pattern that RE2 cannot take.
 */
export async function loadEvalMetrics(request: CompletionRequest, store: Store | undefined): Promise<EvalMetrics> {
  const ids = request.eval_metric_ids ?? [];
  if (ids.length === 0) return [];
  if (!store) throw new CompletionError(503, "internal_error", "Evals need the store, which is unavailable.");
  const metrics = await store.listEvalMetrics();
  let chosen: EvalMetrics;
  try {
    chosen = resolveMetrics(ids, metrics);
  } catch (error) {
    if (!(error instanceof UnknownEvalMetricError)) throw error;
    throw validationError([{ loc: ["body", "eval_metric_ids"], msg: error.message, type: "value_error" }]);
  }
  const judges = chosen.filter((metric) => metric.kind === "llm_judge");
  if (judges.length > MAX_JUDGE_METRICS) {
    const msg = `at most ${MAX_JUDGE_METRICS} llm_judge metrics per run (each is a paid model call); got ${judges.length}: ${judges.map((metric) => metric.id).join(", ")}`;
    throw validationError([{ loc: ["body", "eval_metric_ids"], msg, type: "too_big" }]);
  }
  const targetAsPattern = chosen.some((metric) => metric.kind === "regex" && metric.config.pattern === undefined);
  if (targetAsPattern && typeof request.target === "string") {
    try {
      compileRegex(request.target, undefined);
    } catch (error) {
      if (!(error instanceof EvalMetricError)) throw error;
      throw validationError([{ loc: ["body", "target"], msg: error.message, type: "value_error" }]);
    }
  }
  return metrics;
}

const globalScope = globalThis as typeof globalThis & { __playgroundScoreThread?: ScoreThread };
/** One scorer thread per server process (route bundles may load this module more than once). */
const scoreThread = () => (globalScope.__playgroundScoreThread ??= new ScoreThread());

export interface ScoredRun {
  scores: Record<number, number>;
  /** What the judge calls cost (each is also logged as a child run with its own cost); 0 without judges. */
  evalCost: number;
}

export interface ScoreOptions {
  savedKey: SavedKeyLookup;
  store: Store | undefined;
  /** The scored run's trace id: judge calls are logged as its children. */
  traceId: string;
  /** The caller: judge calls are logged as theirs, like the scored run. */
  identity?: string | null;
}

/** Scores the output with the requested metrics; the judge runs through this same pipeline with the operator's keys. */
export async function scoreOutput(
  request: CompletionRequest,
  metrics: EvalMetrics,
  output: string,
  messages: readonly Message[],
  options: ScoreOptions,
): Promise<ScoredRun | undefined> {
  const ids = request.eval_metric_ids ?? [];
  if (ids.length === 0) return undefined;
  const costs: number[] = [];
  const scores = await runEvals(
    ids,
    output,
    { target: request.target, inputs: { ...(request.inputs ?? {}), ...(request.llm_inputs ?? {}) }, messages },
    {
      metrics,
      complete: (prompt, judgeOptions) => judge(prompt, judgeOptions, request, options, costs),
      scoreDeterministic: (kind, text, context, config) => scoreThread().score(kind, text, context, config),
      onError: (id, error) => logError(`[evals] metric ${id} did not score: ${(error as Error).message}`),
    },
  );
  const evalCost = Math.round(costs.reduce((sum, cost) => sum + cost, 0) * 1e10) / 1e10;
  return { scores, evalCost };
}

async function judge(
  prompt: string,
  options: { provider?: string; model?: string },
  request: CompletionRequest,
  { savedKey, store, traceId, identity }: ScoreOptions,
  costs: number[],
): Promise<string> {
  const provider = options.provider ?? request.llm_configuration.provider ?? "local";
  if (!isProviderId(provider)) throw new Error(`unknown judge provider ${provider}`);
  const parent = normaliseTraceIds(request, traceId);
  // The judge keeps the request's key only together with the request's base URL (same provider): the key goes where
  // its sender sent it, and prepareRun's rule holds (never the server's key to a base URL the request chose).
  const sameProvider = provider === request.llm_configuration.provider;
  const judgeRequest: CompletionRequest = {
    ...request,
    // A child run of the scored one, with a trace id of its own; one attempt, no fallbacks, no evals of its own.
    trace_id: null,
    inference_id: null,
    parent_trace_id: traceId,
    root_trace_id: parent.rootTraceId,
    trace_name: "eval judge",
    target: null,
    eval_metric_ids: null,
    fallback_strategy: null,
    retry: false,
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
  const state = new RunState();
  try {
    const started = await startRun(run, new AbortController().signal);
    await pumpRun(run, started, state, { onPiece() {} });
  } catch (error) {
    if (!(error instanceof CompletionError)) throw error;
    state.error = error;
  }
  const body = buildResponse(run, state, state.error);
  costs.push(body.cost);
  await logRun(store, judgeRequest, body, identity ?? null);
  if (state.error) throw state.error;
  return state.content;
}
