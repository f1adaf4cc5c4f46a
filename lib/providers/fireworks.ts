import { createFireworks } from "@ai-sdk/fireworks";
import { baseUrl } from "./env";
import type { ProviderAdapter } from "./types";
import { openaiChatParser } from "./wire/openai-chat";

export const fireworksAdapter: ProviderAdapter = {
  id: "fireworks",
  label: "Fireworks",
  keyEnv: "FIREWORKS_API_KEY",
  baseUrlEnv: "FIREWORKS_BASE_URL",
  keyRequired: true,
  wireParser: openaiChatParser,
  priceProviderId: "fireworks",
  models: ["accounts/fireworks/models/llama-v3p1-70b-instruct", "accounts/fireworks/models/qwen3-235b-a22b"],
  createModel: ({ modelId, apiKey, baseURL, fetch }) =>
    createFireworks({ apiKey, baseURL: baseUrl(baseURL, "FIREWORKS_BASE_URL"), fetch })(modelId),
};
