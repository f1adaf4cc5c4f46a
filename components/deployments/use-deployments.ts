"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/nav/api-fetch";
import type { LlmConfiguration } from "@/lib/schema/completion-request";
import type { DeploymentSummary, DeploymentVersion, PromptWithVersions } from "./types";

export function useDeployments() {
  return useQuery({
    queryKey: ["deployments"],
    queryFn: ({ signal }) => apiFetch<PromptWithVersions[]>("/api/deployments", { signal }),
  });
}

export function fetchDeployment(id: string): Promise<DeploymentVersion> {
  return apiFetch<DeploymentVersion>(`/api/deployments/${encodeURIComponent(id)}`);
}

/** Deploys a new version of the named prompt; the list refreshes. */
export function useDeploy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; llm_configuration: LlmConfiguration }) =>
      apiFetch<DeploymentSummary>("/api/deployments", { method: "POST", body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["deployments"] }),
  });
}
