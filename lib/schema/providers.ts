/**
 * Provider ids the API accepts: every provider Parea names, plus `openai-compatible` (any server speaking OpenAI's
 * Chat Completions: Ollama, vLLM, llama.cpp server, LM Studio) and `local` (GGUF models run in-process).
 * Isomorphic: the form's picker and the server's registry both read this list.
 */
export const PROVIDER_IDS = [
  "openai",
  "azure",
  "anthropic",
  "anyscale",
  "vertexai",
  "aws_bedrock",
  "openrouter",
  "mistral",
  "litellm",
  "groq",
  "fireworks",
  "cohere",
  "openai-compatible",
  "local",
] as const;

export type ProviderId = (typeof PROVIDER_IDS)[number];

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === "string" && (PROVIDER_IDS as readonly string[]).includes(value);
}
