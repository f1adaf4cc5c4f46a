import "server-only";
import type { CompletionRequest, LlmConfiguration } from "@/lib/schema/completion-request";
import type { Store } from "@/lib/store";
import { CompletionError } from "./errors";

/**
 * A deployed prompt supplies model, provider, params, messages and functions; the request's llm_configuration
 * overrides a field only when it is present and not null (shared/PAREA-API.md), and model_params merge key by key.
 * `history` (turns after the deployed messages) is appended later, with the messages.
 */
export function mergeDeployment(deployed: LlmConfiguration, given: LlmConfiguration): LlmConfiguration {
  const merged: Record<string, unknown> = { ...deployed };
  for (const [key, value] of Object.entries(given)) {
    if (value === null || value === undefined) continue;
    if (key === "messages" && Array.isArray(value) && value.length === 0) continue;
    merged[key] = value;
  }
  merged.model_params = { ...(deployed.model_params ?? {}), ...withoutNulls(given.model_params ?? {}) };
  return merged as LlmConfiguration;
}

function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null && value !== undefined));
}

export async function applyDeployment(request: CompletionRequest, store: Store): Promise<CompletionRequest> {
  if (!request.deployment_id) return request;
  const deployment = await store.getDeployment(request.deployment_id);
  if (!deployment) {
    throw new CompletionError(404, "invalid_request", `No deployed prompt "${request.deployment_id}".`, {
      detail: [{ loc: ["body", "deployment_id"], msg: "no such deployment", type: "not_found" }],
    });
  }
  return { ...request, llm_configuration: mergeDeployment(deployment.configuration, request.llm_configuration) };
}
