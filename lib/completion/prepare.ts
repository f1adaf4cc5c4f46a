import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { env } from "@/lib/providers/env";
import { modelIdProblem } from "@/lib/providers/model-id";
import { getAdapter } from "@/lib/providers/registry";
import type { ProviderAdapter } from "@/lib/providers/types";
import { displayBaseUrl, normalizeBaseUrl } from "@/lib/schema/base-url";
import { type CompletionRequest, completionRequestSchema, type Message } from "@/lib/schema/completion-request";
import { PROVIDER_IDS, type ProviderId } from "@/lib/schema/providers";
import { applyTemplate } from "@/lib/schema/template";
import { checkBaseUrl } from "@/lib/server/ssrf";
import { buildCallOptions, type CallOptions } from "./call-options";
import { CompletionError, type ValidationDetail, validationError } from "./errors";

/** Everything a run needs, resolved before any byte goes upstream or back to the client. */
export interface PreparedRun {
  traceId: string;
  request: CompletionRequest;
  provider: ProviderId;
  adapter: ProviderAdapter;
  modelId: string;
  apiKey: string | undefined;
  /** A base URL the caller chose (request or deployment), SSRF-checked; undefined: the operator's (env or SDK default). */
  baseURL: string | undefined;
  messages: Message[];
  callOptions: CallOptions;
  warnings: string[];
  /** performance.now() when the request arrived; TTFT and latency count from here. */
  startedAt: number;
  startTimestamp: Date;
}

export function toValidationDetail(error: z.ZodError): ValidationDetail[] {
  return error.issues.map((issue) => ({
    loc: ["body", ...issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment))],
    msg: issue.message,
    type: issue.code,
  }));
}

export function parseCompletionRequest(body: unknown): CompletionRequest {
  const parsed = completionRequestSchema.safeParse(body);
  if (!parsed.success) throw validationError(toValidationDetail(parsed.error));
  return parsed.data;
}

function missing(loc: string[], msg: string): CompletionError {
  return validationError([{ loc: ["body", ...loc], msg, type: "missing" }]);
}

/** A key the caller saved for this provider: for `baseUrl` only, or (undefined) for the operator's base URL. */
export type SavedKeyLookup = (provider: ProviderId, baseUrl?: string) => Promise<string | undefined>;

export interface PrepareOptions {
  /** A key the caller saved on the server for this provider (used when the request carries none). */
  savedKey?: SavedKeyLookup;
}

/**
 * The base URL the caller chose, normalized, or undefined when there is none or it is the operator's own
 * (the provider's *_BASE_URL env var): only the operator's base URL may receive the operator's env key.
 */
export function callerBaseUrl(adapter: ProviderAdapter, given: string | null | undefined): string | undefined {
  if (!given) return undefined;
  const normalized = normalizeBaseUrl(given) ?? given;
  const operator = env(adapter.baseUrlEnv);
  return operator && normalizeBaseUrl(operator) === normalized ? undefined : normalized;
}

function checkModelIds(request: CompletionRequest, modelId: string, adapter: ProviderAdapter) {
  if (adapter.inProcess) return; // the local model: a file name, never part of a URL
  const inUrl = adapter.modelIdInUrl === true;
  const detail: ValidationDetail[] = [];
  const problem = modelIdProblem(modelId, inUrl);
  if (problem) detail.push({ loc: ["body", "llm_configuration", "model"], msg: problem, type: "value_error" });
  (request.fallback_strategy ?? []).forEach((fallback, index) => {
    const fallbackProblem = modelIdProblem(fallback, inUrl);
    if (fallbackProblem)
      detail.push({ loc: ["body", "fallback_strategy", index], msg: fallbackProblem, type: "value_error" });
  });
  if (detail.length > 0) throw validationError(detail);
}

export async function prepareRun(
  request: CompletionRequest,
  startedAt: number,
  options: PrepareOptions = {},
): Promise<PreparedRun> {
  const configuration = request.llm_configuration;
  const provider = configuration.provider;
  if (!provider) throw missing(["llm_configuration", "provider"], `required; one of ${PROVIDER_IDS.join(", ")}`);
  const adapter = getAdapter(provider);
  const modelId = configuration.model ?? configuration.model_params?.model;
  if (typeof modelId !== "string" || modelId === "") throw missing(["llm_configuration", "model"], "required");

  checkModelIds(request, modelId, adapter);

  const given = [...(configuration.messages ?? []), ...(configuration.history ?? [])];
  if (given.length === 0) throw missing(["llm_configuration", "messages"], "at least one message is required");
  const inputs = { ...(request.inputs ?? {}), ...(request.llm_inputs ?? {}) };
  const { messages, unknown } = applyTemplate(given, inputs);
  const warnings = unknown.map((name) => `template variable {{${name}}} has no value in llm_inputs; left as written`);

  const baseURL = callerBaseUrl(adapter, configuration.base_url);
  const apiKey = await chooseKey(request, provider, adapter, baseURL, options);
  if (baseURL) await checkBaseUrl(baseURL);
  else if (adapter.baseUrlRequired && !env(adapter.baseUrlEnv)) {
    throw missing(
      ["llm_configuration", "base_url"],
      `provider "${provider}" needs the server's base URL (e.g. http://localhost:11434/v1 for Ollama)`,
    );
  }

  return {
    traceId: request.trace_id || request.inference_id || randomUUID(),
    request,
    provider,
    adapter,
    modelId,
    apiKey,
    baseURL,
    messages,
    callOptions: buildCallOptions(configuration, messages, adapter),
    warnings,
    startedAt,
    startTimestamp: new Date(),
  };
}

/**
 * A base URL the caller chose (in the request or in a deployment) gets only the key sent in this same request, or a
 * key the caller saved for exactly that base URL; the operator's env key goes only to the operator's base URL.
 * Otherwise anyone who may call the API could name their own server and collect the operator's key.
 */
async function chooseKey(
  request: CompletionRequest,
  provider: ProviderId,
  adapter: ProviderAdapter,
  baseURL: string | undefined,
  options: PrepareOptions,
): Promise<string | undefined> {
  if (request.provider_api_key) return request.provider_api_key;
  if (baseURL) {
    const saved = await options.savedKey?.(provider, baseURL);
    if (saved || !(adapter.keyRequired || adapter.ambientCredentials)) return saved;
    throw new CompletionError(
      401,
      "missing_api_key",
      `No API key for base_url "${displayBaseUrl(baseURL)}": the server's ${provider} key is not sent to a base URL the request chose. Send provider_api_key in the request, or save a key for this base URL (PUT /api/keys/${provider} with base_url).`,
      { provider },
    );
  }
  const apiKey = (await options.savedKey?.(provider)) || env(adapter.keyEnv);
  if (adapter.keyRequired && !apiKey) {
    throw new CompletionError(
      401,
      "missing_api_key",
      `No API key for provider "${provider}": send provider_api_key in the request, save one on the server, or set ${adapter.keyEnv}.`,
      { provider },
    );
  }
  return apiKey;
}
