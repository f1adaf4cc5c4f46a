import { createHash } from "node:crypto";
import type { FunctionDefinition, LlmConfiguration, Message } from "@/lib/schema/completion-request";

/** What makes two runs "the same" for the cache (PAREA-API.md: inputs after templating). */
export interface CacheKeyInput {
  provider: string;
  model: string;
  model_params?: LlmConfiguration["model_params"];
  /** After templating. */
  messages: readonly Pick<Message, "role" | "content">[];
  functions?: readonly FunctionDefinition[] | null;
  function_call?: LlmConfiguration["function_call"];
  base_url?: string | null;
  /** Who asked (auth.ts Identity.id): one caller never replays another's answer. */
  identity?: string | null;
  /** A hash of the provider key that paid for the run (never the key): a made-up key does not unlock a paid answer. */
  key_hash?: string | null;
}

/**
 * JSON with object keys sorted at every depth and null/undefined properties dropped, so `{temp: null}` and `{}` (both
 * "unset") and any key order give the same text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : canonical(item)));
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && item !== undefined) sorted[key] = canonical(item);
  }
  return sorted;
}

/** sha256 hex of the canonical JSON of exactly these fields (anything else in the object is ignored). */
export function cacheKey(input: CacheKeyInput): string {
  const { provider, model, model_params, messages, functions, function_call, base_url, identity, key_hash } = input;
  const material = canonicalJson({
    provider,
    model,
    model_params,
    messages,
    functions,
    function_call,
    base_url,
    identity,
    key_hash,
  });
  return createHash("sha256").update(material).digest("hex");
}
