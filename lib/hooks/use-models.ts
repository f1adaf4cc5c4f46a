"use client";

import { useQuery } from "@tanstack/react-query";
import { useKeys } from "./use-keys";

export interface LocalModelInfo {
  name: string;
  sizeBytes: number;
}

export interface ProviderInfo {
  id: string;
  label: string;
  keyRequired: boolean;
  /** The server has its own key for this provider (the value never leaves the server). */
  hasServerKey: boolean;
  baseUrlRequired: boolean;
  models: string[];
  /** Only for `local`: the GGUF files in the models folder. */
  localModels?: LocalModelInfo[];
}

export interface ModelsResponse {
  providers: ProviderInfo[];
}

/** Known providers and models, from GET /api/models (the picker still accepts any model name). */
export function useModels() {
  const { accessKey } = useKeys();
  return useQuery({
    queryKey: ["models", accessKey !== ""],
    queryFn: async ({ signal }): Promise<ModelsResponse> => {
      const response = await fetch("/api/models", {
        signal,
        headers: accessKey ? { "x-api-key": accessKey } : undefined,
      });
      if (!response.ok) throw new Error(`GET /api/models answered ${response.status}`);
      return (await response.json()) as ModelsResponse;
    },
    staleTime: 60_000,
    retry: 1,
  });
}

export function useProvider(id: string | null | undefined): ProviderInfo | undefined {
  const { data } = useModels();
  return data?.providers.find((provider) => provider.id === id);
}
