import "server-only";
import { createHash } from "node:crypto";
import type { LanguageModelV4StreamPart, LanguageModelV4Usage } from "@ai-sdk/provider";
import { cacheKey, type Store } from "@/lib/store";
import type { PreparedRun } from "./prepare";
import type { RunState, ToolCall } from "./run-state";
import { reportStoreFailure } from "./run-store";

/** What a successful run leaves in the cache: enough to replay it through the same wire encoder. */
export interface CachedRun {
  text: string;
  tool_calls: ToolCall[];
  input_tokens: number;
  output_tokens: number;
  finish_reason: string | null;
}

/**
 * A one-way digest of the key a run used (request, saved or env), domain-separated from other uses of SHA-256. It
 * only ever goes into the cache key's own hash, so the key is never stored; a provider key has too much entropy to be
 * recovered from its digest.
 */
export function keyDigest(apiKey: string | undefined): string | null {
  return apiKey ? createHash("sha256").update(`playground-cache-scope\0${apiKey}`).digest("hex") : null;
}

/**
 * The key of a run's normalised inputs (provider, model, params, messages after templating, functions, base URL),
 * scoped by who asked and by the provider key that paid: Bob with a made-up key must not replay Alice's answer.
 */
export function runCacheKey(run: PreparedRun, identity: string): string {
  const configuration = run.request.llm_configuration;
  return cacheKey({
    provider: run.provider,
    model: run.modelId,
    model_params: configuration.model_params ?? {},
    messages: run.messages,
    functions: configuration.functions ?? [],
    function_call: configuration.function_call ?? null,
    base_url: run.baseURL ?? null,
    identity,
    key_hash: keyDigest(run.apiKey),
  });
}

export async function readCache(store: Store | undefined, key: string): Promise<CachedRun | undefined> {
  if (!store) return undefined;
  try {
    return await store.cacheGet<CachedRun>(key);
  } catch (error) {
    reportStoreFailure("reading the cache", error);
    return undefined;
  }
}

/** Awaited before the final event goes out, so a client's next identical request already finds it. */
export async function writeCache(store: Store | undefined, key: string, state: RunState): Promise<void> {
  if (!store || state.error || !state.finished) return;
  const entry: CachedRun = {
    text: state.text,
    tool_calls: state.toolCalls(),
    input_tokens: state.usage?.inputTokens.total ?? 0,
    output_tokens: state.usage?.outputTokens.total ?? 0,
    finish_reason: state.finishReason ?? null,
  };
  await store.cachePut(key, entry).catch((error) => reportStoreFailure("writing the cache", error));
}

/** A cached run as provider parts, in one batch: the pipeline streams it like any other run, without an upstream. */
export async function* cachedBatches(entry: CachedRun): AsyncGenerator<LanguageModelV4StreamPart[], undefined> {
  const parts: LanguageModelV4StreamPart[] = [];
  if (entry.text) parts.push({ type: "text-delta", id: "0", delta: entry.text });
  for (const call of entry.tool_calls) {
    parts.push({ type: "tool-input-start", id: call.id, toolName: call.name });
    if (call.arguments) parts.push({ type: "tool-input-delta", id: call.id, delta: call.arguments });
    parts.push({ type: "tool-call", toolCallId: call.id, toolName: call.name, input: call.arguments });
  }
  const usage: LanguageModelV4Usage = {
    inputTokens: {
      total: entry.input_tokens,
      noCache: entry.input_tokens,
      cacheRead: undefined,
      cacheWrite: undefined,
    },
    outputTokens: { total: entry.output_tokens, text: entry.output_tokens, reasoning: undefined },
  };
  parts.push({ type: "finish", usage, finishReason: { unified: "stop", raw: entry.finish_reason ?? "stop" } });
  yield parts;
  return undefined;
}
