import type { ProviderId } from "@/lib/schema/providers";
import { anthropicAdapter } from "./anthropic";
import { awsBedrockAdapter } from "./aws-bedrock";
import { azureAdapter } from "./azure";
import { cohereAdapter } from "./cohere";
import { fireworksAdapter } from "./fireworks";
import { groqAdapter } from "./groq";
import { localAdapter } from "./local";
import { mistralAdapter } from "./mistral";
import { openaiAdapter } from "./openai";
import { anyscaleAdapter, litellmAdapter, openaiCompatibleAdapter } from "./openai-compatible";
import { openrouterAdapter } from "./openrouter";
import type { ProviderAdapter } from "./types";
import { vertexaiAdapter } from "./vertexai";

const ADAPTERS: Record<ProviderId, ProviderAdapter> = {
  openai: openaiAdapter,
  azure: azureAdapter,
  anthropic: anthropicAdapter,
  anyscale: anyscaleAdapter,
  vertexai: vertexaiAdapter,
  aws_bedrock: awsBedrockAdapter,
  openrouter: openrouterAdapter,
  mistral: mistralAdapter,
  litellm: litellmAdapter,
  groq: groqAdapter,
  fireworks: fireworksAdapter,
  cohere: cohereAdapter,
  "openai-compatible": openaiCompatibleAdapter,
  local: localAdapter,
};

export function getAdapter(id: ProviderId): ProviderAdapter {
  return ADAPTERS[id];
}

export function allAdapters(): ProviderAdapter[] {
  return Object.values(ADAPTERS);
}

/** Providers that can run right now without a key from the request. */
export function configuredProviders(): ProviderId[] {
  return allAdapters()
    .filter((adapter) => !adapter.keyRequired || (adapter.keyEnv && process.env[adapter.keyEnv]))
    .map((adapter) => adapter.id);
}
