import { createAzure } from "@ai-sdk/azure";
import { baseUrl, env } from "./env";
import { modelPathSegment } from "./model-id";
import type { ProviderAdapter } from "./types";
import { openaiChatParser } from "./wire/openai-chat";

/** Azure OpenAI: `model` is the deployment name; the resource comes from AZURE_RESOURCE_NAME or a base URL. */
export const azureAdapter: ProviderAdapter = {
  id: "azure",
  label: "Azure OpenAI",
  keyEnv: "AZURE_API_KEY",
  baseUrlEnv: "AZURE_BASE_URL",
  keyRequired: true,
  modelIdInUrl: true,
  wireParser: openaiChatParser,
  priceProviderId: "azure",
  models: ["gpt-4o-mini", "gpt-4o", "gpt-4.1"],
  createModel: ({ modelId, apiKey, baseURL, fetch }) =>
    createAzure({
      apiKey,
      baseURL: baseUrl(baseURL, "AZURE_BASE_URL"),
      resourceName: env("AZURE_RESOURCE_NAME"),
      apiVersion: env("AZURE_API_VERSION"),
      useDeploymentBasedUrls: env("AZURE_DEPLOYMENT_BASED_URLS") === "true",
      fetch,
    }).chat(modelPathSegment(modelId)),
};
