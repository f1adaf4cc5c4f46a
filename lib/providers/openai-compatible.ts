import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { ProviderId } from "@/lib/schema/providers";
import { baseUrl } from "./env";
import type { ProviderAdapter } from "./types";
import { openaiChatParser } from "./wire/openai-chat";

interface CompatibleSpec {
  id: ProviderId;
  label: string;
  keyEnv: string;
  baseUrlEnv: string;
  defaultBaseUrl?: string;
  keyRequired: boolean;
  priceProviderId?: string;
  models: readonly string[];
}

/** A provider that speaks OpenAI's Chat Completions at its own base URL. */
export function compatibleAdapter(spec: CompatibleSpec): ProviderAdapter {
  return {
    ...spec,
    baseUrlRequired: spec.defaultBaseUrl === undefined,
    wireParser: openaiChatParser,
    createModel: ({ modelId, apiKey, baseURL, fetch }) =>
      createOpenAICompatible({
        name: spec.id,
        baseURL: baseUrl(baseURL, spec.baseUrlEnv, spec.defaultBaseUrl) ?? "",
        apiKey,
        fetch,
        // Without it the upstream sends no usage chunk, and a run would report 0 tokens.
        includeUsage: true,
      }).chatModel(modelId),
  };
}

/** Ollama, vLLM, llama.cpp server, LM Studio...: the user gives the base URL (llm_configuration.base_url). */
export const openaiCompatibleAdapter = compatibleAdapter({
  id: "openai-compatible",
  label: "OpenAI-compatible server",
  keyEnv: "OPENAI_COMPATIBLE_API_KEY",
  baseUrlEnv: "OPENAI_COMPATIBLE_BASE_URL",
  keyRequired: false,
  models: ["llama3.2", "qwen2.5", "mistral"],
});

export const anyscaleAdapter = compatibleAdapter({
  id: "anyscale",
  label: "Anyscale",
  keyEnv: "ANYSCALE_API_KEY",
  baseUrlEnv: "ANYSCALE_BASE_URL",
  defaultBaseUrl: "https://api.endpoints.anyscale.com/v1",
  keyRequired: true,
  models: ["meta-llama/Meta-Llama-3-70B-Instruct", "mistralai/Mixtral-8x7B-Instruct-v0.1"],
});

/** LiteLLM proxy: OpenAI-compatible; its key is optional (a proxy may have none). */
export const litellmAdapter = compatibleAdapter({
  id: "litellm",
  label: "LiteLLM proxy",
  keyEnv: "LITELLM_API_KEY",
  baseUrlEnv: "LITELLM_BASE_URL",
  defaultBaseUrl: "http://localhost:4000/v1",
  keyRequired: false,
  models: ["gpt-4o-mini", "claude-3-5-haiku-latest"],
});
