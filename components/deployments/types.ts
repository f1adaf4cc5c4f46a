import type { LlmConfiguration } from "@/lib/schema/completion-request";

/** What the deployments API answers (app/api/deployments). */
export interface DeploymentSummary {
  deployment_id: string;
  name: string;
  version_number: number;
  created_at: string;
}

export interface DeploymentVersion extends DeploymentSummary {
  provider: string | null;
  model: string | null;
  llm_configuration: LlmConfiguration;
}

export interface PromptWithVersions {
  name: string;
  created_at: string;
  /** Newest first. */
  versions: DeploymentVersion[];
}
