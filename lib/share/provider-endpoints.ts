import type { ProviderId } from "@/lib/schema/providers";

/**
 * What the browser side needs to know about each provider's own API, for exported code and imported curl
 * commands: the env var its official SDK reads the key from, whether its chat API speaks OpenAI's or Anthropic's
 * protocol (so the `openai` or `@anthropic-ai/sdk` package can call it directly), its public base URL and host.
 * Isomorphic on purpose (components may not import lib/providers); the names match lib/providers' `keyEnv`.
 */
export interface ProviderEndpoint {
  keyEnv?: string;
  sdk?: "openai" | "anthropic";
  baseUrl?: string;
  host?: string;
}

export const PROVIDER_ENDPOINTS: Record<ProviderId, ProviderEndpoint> = {
  openai: { keyEnv: "OPENAI_API_KEY", sdk: "openai", baseUrl: "https://api.openai.com/v1", host: "api.openai.com" },
  azure: { keyEnv: "AZURE_API_KEY" },
  anthropic: {
    keyEnv: "ANTHROPIC_API_KEY",
    sdk: "anthropic",
    baseUrl: "https://api.anthropic.com",
    host: "api.anthropic.com",
  },
  anyscale: {
    keyEnv: "ANYSCALE_API_KEY",
    sdk: "openai",
    baseUrl: "https://api.endpoints.anyscale.com/v1",
    host: "api.endpoints.anyscale.com",
  },
  vertexai: { keyEnv: "GOOGLE_VERTEX_API_KEY" },
  aws_bedrock: { keyEnv: "AWS_BEARER_TOKEN_BEDROCK" },
  openrouter: {
    keyEnv: "OPENROUTER_API_KEY",
    sdk: "openai",
    baseUrl: "https://openrouter.ai/api/v1",
    host: "openrouter.ai",
  },
  mistral: { keyEnv: "MISTRAL_API_KEY", sdk: "openai", baseUrl: "https://api.mistral.ai/v1", host: "api.mistral.ai" },
  litellm: { keyEnv: "LITELLM_API_KEY", sdk: "openai", baseUrl: "http://localhost:4000/v1" },
  groq: { keyEnv: "GROQ_API_KEY", sdk: "openai", baseUrl: "https://api.groq.com/openai/v1", host: "api.groq.com" },
  fireworks: {
    keyEnv: "FIREWORKS_API_KEY",
    sdk: "openai",
    baseUrl: "https://api.fireworks.ai/inference/v1",
    host: "api.fireworks.ai",
  },
  cohere: { keyEnv: "COHERE_API_KEY" },
  "openai-compatible": { keyEnv: "OPENAI_COMPATIBLE_API_KEY", sdk: "openai" },
  local: {},
};

export function endpointOf(provider: string | null | undefined): ProviderEndpoint {
  return (provider && PROVIDER_ENDPOINTS[provider as ProviderId]) || {};
}

/** The provider whose public API lives at `host`, if any. */
export function providerForHost(host: string): ProviderId | undefined {
  const entry = Object.entries(PROVIDER_ENDPOINTS).find(([, endpoint]) => endpoint.host === host.toLowerCase());
  return entry?.[0] as ProviderId | undefined;
}
