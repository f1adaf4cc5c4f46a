import { normalizeBaseUrl } from "@/lib/schema/base-url";
import { readStored, removeStored, STORAGE_KEYS, writeStored } from "./storage";

function baseUrlOf(request: unknown): string | undefined {
  const configuration = (request as { llm_configuration?: { base_url?: unknown } } | undefined)?.llm_configuration;
  const url = configuration?.base_url;
  return typeof url === "string" && url !== "" ? url : undefined;
}

/**
 * A request that arrives from elsewhere (a share link, an import, a deployment, a log) may name a base URL its
 * author controls: Run would send the prompt, and the key the user added in this tab, there. Remember that base URL
 * until the user has confirmed it once; a base URL the user typed is theirs and asks nothing.
 */
export function markForeignBaseUrl(request: unknown): void {
  const url = baseUrlOf(request);
  if (url) writeStored(STORAGE_KEYS.foreignBaseUrl, normalizeBaseUrl(url) ?? url);
  else removeStored(STORAGE_KEYS.foreignBaseUrl);
}

/** The draft's base URL when it came from elsewhere and is not confirmed yet; else undefined. */
export function unconfirmedBaseUrl(draft: unknown): string | undefined {
  const url = baseUrlOf(draft);
  if (!url) return undefined;
  return readStored<string>(STORAGE_KEYS.foreignBaseUrl) === (normalizeBaseUrl(url) ?? url) ? url : undefined;
}

export function confirmBaseUrl(): void {
  removeStored(STORAGE_KEYS.foreignBaseUrl);
}
