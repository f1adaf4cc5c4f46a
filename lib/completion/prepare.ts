import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { getAdapter } from "@/lib/providers/registry";
import type { ProviderAdapter } from "@/lib/providers/types";
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

export interface PrepareOptions {
  /** A key the caller saved on the server for this provider (used when the request carries none). */
  savedKey?: (provider: ProviderId) => Promise<string | undefined>;
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

  const given = [...(configuration.messages ?? []), ...(configuration.history ?? [])];
  if (given.length === 0) throw missing(["llm_configuration", "messages"], "at least one message is required");
  const inputs = { ...(request.inputs ?? {}), ...(request.llm_inputs ?? {}) };
  const { messages, unknown } = applyTemplate(given, inputs);
  const warnings = unknown.map((name) => `template variable {{${name}}} has no value in llm_inputs; left as written`);

  // The request's key, else the caller's saved key, else the operator's env key.
  const apiKey =
    request.provider_api_key ||
    (await options.savedKey?.(provider)) ||
    (adapter.keyEnv ? process.env[adapter.keyEnv] || undefined : undefined);
  if (adapter.keyRequired && !apiKey) {
    throw new CompletionError(
      401,
      "missing_api_key",
      `No API key for provider "${provider}": send provider_api_key in the request, save one on the server, or set ${adapter.keyEnv}.`,
      { provider },
    );
  }

  const baseURL = configuration.base_url ?? undefined;
  if (baseURL) await checkBaseUrl(baseURL);
  else if (adapter.baseUrlRequired && !(adapter.baseUrlEnv && process.env[adapter.baseUrlEnv])) {
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
