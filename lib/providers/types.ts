import type { LanguageModelV4, SharedV4ProviderOptions } from "@ai-sdk/provider";
import type { ModelParams } from "@/lib/schema/completion-request";
import type { ProviderId } from "@/lib/schema/providers";
import type { WireParser } from "./wire/part-batches";

/** What the pipeline hands an adapter to build a model for one request. */
export interface ModelOptions {
  modelId: string;
  /** The request's provider_api_key, else the operator's env key. Never logged. */
  apiKey: string | undefined;
  /** A user-given base URL (already checked against the SSRF policy), else undefined. */
  baseURL: string | undefined;
  /** Injected in unit tests to capture the outgoing request; production uses the global fetch. */
  fetch?: typeof globalThis.fetch;
}

/**
 * One provider behind one type. Every adapter returns an AI SDK LanguageModelV4, so the pipeline speaks one stream
 * protocol (`doStream`) whatever the upstream is, including the in-process local model.
 */
export interface ProviderAdapter {
  id: ProviderId;
  label: string;
  /** Env var holding the operator's key for this provider (undefined: the provider needs none). */
  keyEnv?: string;
  /** Env var that overrides the provider's base URL (OPENAI_BASE_URL, ...). */
  baseUrlEnv?: string;
  /** True when a run cannot start without a key. */
  keyRequired: boolean;
  /**
   * Without a key the SDK signs with the operator's ambient credentials (a Google service account, AWS env keys):
   * like an env key, those must never go to a base URL the caller chose, so such a run needs the caller's own key.
   */
  ambientCredentials?: boolean;
  /** True when the SDK builds the URL path from the model id (Vertex, Azure deployments): no '/' in ids. */
  modelIdInUrl?: boolean;
  /** True when the provider cannot work without a base URL (openai-compatible). */
  baseUrlRequired?: boolean;
  /** Runs in this process (no network): the response-headers timeout does not apply, loading a model can take a while. */
  inProcess?: boolean;
  /** Models offered by the picker; any other id is passed through. */
  models: readonly string[];
  /** The provider id in the price registry (@pydantic/genai-prices); undefined: no price (cost 0). */
  priceProviderId?: string;
  createModel(options: ModelOptions): LanguageModelV4;
  /**
   * The stream protocol, when we have a batch parser for it (OpenAI chat chunks, Anthropic messages): the AI SDK
   * still builds the request and maps errors, and the successful stream is parsed a network read at a time.
   */
  wireParser?: () => WireParser;
  /** Provider-specific options derived from Parea's model_params (safe_prompt, ...). */
  providerOptions?(params: ModelParams): SharedV4ProviderOptions | undefined;
}
