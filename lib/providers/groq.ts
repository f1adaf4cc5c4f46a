import { createGroq } from "@ai-sdk/groq";
import { baseUrl } from "./env";
import type { ProviderAdapter } from "./types";
import { openaiChatParser } from "./wire/openai-chat";

export const groqAdapter: ProviderAdapter = {
  id: "groq",
  label: "Groq",
  keyEnv: "GROQ_API_KEY",
  baseUrlEnv: "GROQ_BASE_URL",
  keyRequired: true,
  wireParser: openaiChatParser,
  priceProviderId: "groq",
  models: ["llama-3.3-70b-versatile", "llama-3.1-8b-instant", "openai/gpt-oss-120b"],
  createModel: ({ modelId, apiKey, baseURL, fetch }) =>
    createGroq({ apiKey, baseURL: baseUrl(baseURL, "GROQ_BASE_URL"), fetch })(modelId),
};
