import { createOpenRouter } from "@openrouter/ai-sdk-provider";
import { baseUrl } from "./env";
import type { ProviderAdapter } from "./types";
import { openaiChatParser } from "./wire/openai-chat";

export const openrouterAdapter: ProviderAdapter = {
  id: "openrouter",
  label: "OpenRouter",
  keyEnv: "OPENROUTER_API_KEY",
  baseUrlEnv: "OPENROUTER_BASE_URL",
  keyRequired: true,
  wireParser: openaiChatParser,
  priceProviderId: "openrouter",
  models: ["openai/gpt-4o-mini", "anthropic/claude-sonnet-4.5", "meta-llama/llama-3.3-70b-instruct"],
  createModel: ({ modelId, apiKey, baseURL, fetch }) =>
    createOpenRouter({ apiKey, baseURL: baseUrl(baseURL, "OPENROUTER_BASE_URL"), fetch }).chat(modelId),
};
