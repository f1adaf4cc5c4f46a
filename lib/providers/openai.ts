import { createOpenAI } from "@ai-sdk/openai";
import { baseUrl } from "./env";
import type { ProviderAdapter } from "./types";
import { openaiChatParser } from "./wire/openai-chat";

/** Chat Completions (`.chat`), not the Responses API: Parea's `functions` come from it and every compatible server speaks it. */
export const openaiAdapter: ProviderAdapter = {
  id: "openai",
  label: "OpenAI",
  keyEnv: "OPENAI_API_KEY",
  baseUrlEnv: "OPENAI_BASE_URL",
  keyRequired: true,
  wireParser: openaiChatParser,
  priceProviderId: "openai",
  models: [
    "gpt-4o-mini",
    "gpt-4o",
    "gpt-4.1",
    "gpt-4.1-mini",
    "gpt-4.1-nano",
    "o3-mini",
    "o4-mini",
    "gpt-5",
    "gpt-5-mini",
  ],
  createModel: ({ modelId, apiKey, baseURL, fetch }) =>
    createOpenAI({ apiKey, baseURL: baseUrl(baseURL, "OPENAI_BASE_URL"), fetch }).chat(modelId),
};
