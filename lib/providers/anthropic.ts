import { createAnthropic } from "@ai-sdk/anthropic";
import { baseUrl } from "./env";
import type { ProviderAdapter } from "./types";
import { anthropicMessagesParser } from "./wire/anthropic-messages";

/**
 * Anthropic's official SDK reads ANTHROPIC_BASE_URL without the version (https://api.anthropic.com), while the AI SDK
 * wants it with `/v1`: accept both spellings so one env var serves both worlds.
 */
export function anthropicBaseUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const trimmed = url.replace(/\/+$/, "");
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

export const anthropicAdapter: ProviderAdapter = {
  id: "anthropic",
  label: "Anthropic",
  keyEnv: "ANTHROPIC_API_KEY",
  baseUrlEnv: "ANTHROPIC_BASE_URL",
  keyRequired: true,
  wireParser: anthropicMessagesParser,
  priceProviderId: "anthropic",
  models: [
    "claude-sonnet-4-5",
    "claude-opus-4-1",
    "claude-haiku-4-5",
    "claude-3-7-sonnet-latest",
    "claude-3-5-haiku-latest",
  ],
  createModel: ({ modelId, apiKey, baseURL, fetch }) =>
    createAnthropic({ apiKey, baseURL: anthropicBaseUrl(baseUrl(baseURL, "ANTHROPIC_BASE_URL")), fetch })(modelId),
};
