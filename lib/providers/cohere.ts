import { createCohere } from "@ai-sdk/cohere";
import { baseUrl } from "./env";
import type { ProviderAdapter } from "./types";

export const cohereAdapter: ProviderAdapter = {
  id: "cohere",
  label: "Cohere",
  keyEnv: "COHERE_API_KEY",
  baseUrlEnv: "COHERE_BASE_URL",
  keyRequired: true,
  priceProviderId: "cohere",
  models: ["command-a-03-2025", "command-r-plus", "command-r"],
  createModel: ({ modelId, apiKey, baseURL, fetch }) =>
    createCohere({ apiKey, baseURL: baseUrl(baseURL, "COHERE_BASE_URL"), fetch })(modelId),
};
