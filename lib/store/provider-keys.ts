import "server-only";
import { normalizeBaseUrl } from "@/lib/schema/base-url";
import { keyHint, open, requireSecret, seal } from "./crypto";
import type { ProviderKeySummary, StoreContext } from "./types";
import { StoreInputError } from "./types";

/** '' is the operator's base URL (keys saved before scopes existed are that); else the normalized URL. */
function scopeOf(baseUrl: string | null | undefined): string {
  if (!baseUrl) return "";
  const normalized = normalizeBaseUrl(baseUrl);
  if (!normalized) throw new StoreInputError("base_url is not an http(s) URL");
  return normalized;
}

// The scope is bound into the ciphertext, so a row copied to another base URL does not decrypt.
function additionalData(identity: string, provider: string, scope: string): string {
  const unscoped = `provider-key\u0000${identity}\u0000${provider}`;
  return scope === "" ? unscoped : `${unscoped}\u0000${scope}`;
}

/**
 * Saves (or replaces) the caller's key for a provider, encrypted, for the operator's base URL or (base_url) for that
 * base URL only. Refused when KEYS_SECRET is not set.
 */
export async function saveProviderKey(
  context: StoreContext,
  identity: string,
  provider: string,
  key: string,
  baseUrl?: string | null,
): Promise<ProviderKeySummary> {
  const secret = requireSecret(context.settings.keysSecret);
  if (!identity || !provider) throw new StoreInputError("a provider key needs an identity and a provider");
  if (key.trim() === "") throw new StoreInputError("the provider key is empty");
  const scope = scopeOf(baseUrl);
  const sealed = seal(secret, key.trim(), additionalData(identity, provider, scope));
  const row = {
    identity,
    provider,
    base_url: scope,
    ...sealed,
    hint: keyHint(key),
    created_at: new Date().toISOString(),
  };
  const { identity: _identity, provider: _provider, base_url: _scope, ...update } = row;
  await context.db
    .insertInto("provider_keys")
    .values(row)
    .onConflict((conflict) => conflict.columns(["identity", "provider", "base_url"]).doUpdateSet(update))
    .execute();
  return { provider, base_url: scope || null, hint: row.hint, created_at: row.created_at };
}

/**
 * The decrypted key, for the server's call to the provider only: never send it to a client. Without baseUrl, the
 * key for the operator's base URL; with one, the key saved for exactly that base URL (never the unscoped one).
 * Undefined when there is none; throws ProviderKeysError when one exists but KEYS_SECRET is unset or changed.
 */
export async function getProviderKey(
  context: StoreContext,
  identity: string,
  provider: string,
  baseUrl?: string | null,
): Promise<string | undefined> {
  const scope = baseUrl ? normalizeBaseUrl(baseUrl) : "";
  if (scope === undefined) return undefined;
  const row = await context.db
    .selectFrom("provider_keys")
    .select(["ciphertext", "iv", "tag"])
    .where("identity", "=", identity)
    .where("provider", "=", provider)
    .where("base_url", "=", scope)
    .executeTakeFirst();
  if (!row) return undefined;
  return open(requireSecret(context.settings.keysSecret), row, additionalData(identity, provider, scope));
}

/** The keys this identity saved: provider, base URL scope and hint only, never the key. */
export async function listProviderKeys(context: StoreContext, identity: string): Promise<ProviderKeySummary[]> {
  const rows = await context.db
    .selectFrom("provider_keys")
    .select(["provider", "base_url", "hint", "created_at"])
    .where("identity", "=", identity)
    .orderBy("provider")
    .orderBy("base_url")
    .execute();
  return rows.map((row) => ({ ...row, base_url: row.base_url || null }));
}

/** True when a key was deleted (the operator-base-URL key, or the one saved for baseUrl). */
export async function deleteProviderKey(
  context: StoreContext,
  identity: string,
  provider: string,
  baseUrl?: string | null,
): Promise<boolean> {
  const result = await context.db
    .deleteFrom("provider_keys")
    .where("identity", "=", identity)
    .where("provider", "=", provider)
    .where("base_url", "=", scopeOf(baseUrl))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
