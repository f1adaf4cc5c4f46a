import "server-only";
import { z } from "zod";
import { type LlmConfiguration, llmConfigurationSchema } from "@/lib/schema/completion-request";
import { stripSecrets } from "@/lib/share/strip-secrets";
import type { Deployment } from "@/lib/store";

export const deployBodySchema = z.object({
  name: z.string().trim().min(1, "a deployment needs a prompt name").max(200).describe("The prompt's name."),
  llm_configuration: llmConfigurationSchema.describe("What the deployment supplies: model, provider, params..."),
});

/**
 * A deployment is read by anyone who has its id, so no key is ever stored with it: secret-named properties are
 * dropped at any depth (the schema is loose, so the JSON editor can put them anywhere). The store strips again.
 */
export function withoutKeys(configuration: LlmConfiguration): LlmConfiguration {
  return stripSecrets(configuration);
}

export function toDeploymentSummary(deployment: Deployment) {
  return {
    deployment_id: deployment.id,
    name: deployment.prompt_name,
    version_number: deployment.version_number,
    created_at: deployment.created_at,
  };
}

export function toDeploymentDetail(deployment: Deployment) {
  return {
    ...toDeploymentSummary(deployment),
    provider: deployment.configuration.provider ?? null,
    model: deployment.configuration.model ?? null,
    llm_configuration: deployment.configuration,
  };
}

export const DEPLOYMENT_ID = /^p-[A-Za-z0-9_-]{1,64}$/;
