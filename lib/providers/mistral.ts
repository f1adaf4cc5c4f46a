import { createMistral } from "@ai-sdk/mistral";
import { baseUrl } from "./env";
import type { ProviderAdapter } from "./types";

export const mistralAdapter: ProviderAdapter = {
  id: "mistral",
  label: "Mistral",
  keyEnv: "MISTRAL_API_KEY",
  baseUrlEnv: "MISTRAL_BASE_URL",
  keyRequired: true,
  priceProviderId: "mistral",
  models: ["mistral-large-latest", "mistral-small-latest", "codestral-latest", "open-mistral-nemo"],
  createModel: ({ modelId, apiKey, baseURL, fetch }) =>
    createMistral({ apiKey, baseURL: baseUrl(baseURL, "MISTRAL_BASE_URL"), fetch })(modelId),
  // Parea's safe_prompt is Mistral's own flag: it prepends Mistral's safety system prompt upstream.
  providerOptions: (params) =>
    params.safe_prompt == null ? undefined : { mistral: { safePrompt: params.safe_prompt } },
};
