import "server-only";
import { keyHint, open, requireSecret, seal } from "./crypto";
import type { ProviderKeySummary, StoreContext } from "./types";
import { StoreInputError } from "./types";

function additionalData(identity: string, provider: string): string {
  return `provider-key\u0000${identity}\u0000${provider}`;
}

/** Saves (or replaces) the caller's key for a provider, encrypted. Refused when KEYS_SECRET is not set. */
export async function saveProviderKey(
  context: StoreContext,
  identity: string,
  provider: string,
  key: string,
): Promise<ProviderKeySummary> {
  const secret = requireSecret(context.settings.keysSecret);
  if (!identity || !provider) throw new StoreInputError("a provider key needs an identity and a provider");
  if (key.trim() === "") throw new StoreInputError("the provider key is empty");
  const sealed = seal(secret, key.trim(), additionalData(identity, provider));
  const row = { identity, provider, ...sealed, hint: keyHint(key), created_at: new Date().toISOString() };
  const { identity: _identity, provider: _provider, ...update } = row;
  await context.db
    .insertInto("provider_keys")
    .values(row)
    .onConflict((conflict) => conflict.columns(["identity", "provider"]).doUpdateSet(update))
    .execute();
  return { provider, hint: row.hint, created_at: row.created_at };
}

/**
 * The decrypted key, for the server's call to the provider only: never send it to a client. Undefined when this
 * identity saved none; throws ProviderKeysError when one exists but KEYS_SECRET is unset or changed.
 */
export async function getProviderKey(
  context: StoreContext,
  identity: string,
  provider: string,
): Promise<string | undefined> {
  const row = await context.db
    .selectFrom("provider_keys")
    .select(["ciphertext", "iv", "tag"])
    .where("identity", "=", identity)
    .where("provider", "=", provider)
    .executeTakeFirst();
  if (!row) return undefined;
  return open(requireSecret(context.settings.keysSecret), row, additionalData(identity, provider));
}

/** Providers with a saved key for this identity: hints only, never the key. */
export async function listProviderKeys(context: StoreContext, identity: string): Promise<ProviderKeySummary[]> {
  return context.db
    .selectFrom("provider_keys")
    .select(["provider", "hint", "created_at"])
    .where("identity", "=", identity)
    .orderBy("provider")
    .execute();
}

/** True when a key was deleted. */
export async function deleteProviderKey(context: StoreContext, identity: string, provider: string): Promise<boolean> {
  const result = await context.db
    .deleteFrom("provider_keys")
    .where("identity", "=", identity)
    .where("provider", "=", provider)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
