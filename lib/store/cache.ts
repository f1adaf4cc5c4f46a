import "server-only";
import { fromJson, toJson, toNumber } from "./json";
import type { CachedCompletion, StoreContext } from "./types";

/** A cached response, or undefined on a miss or an expired entry (which is removed). Counts the hit. */
export async function cacheGet<T = CachedCompletion>(context: StoreContext, key: string): Promise<T | undefined> {
  const row = await context.db
    .selectFrom("cache")
    .select(["response", "expires_at"])
    .where("key", "=", key)
    .executeTakeFirst();
  if (!row) return undefined;
  const now = new Date().toISOString();
  if (row.expires_at <= now) {
    await context.db.deleteFrom("cache").where("key", "=", key).where("expires_at", "<=", now).execute();
    return undefined;
  }
  await context.db
    .updateTable("cache")
    .set((eb) => ({ hits: eb("hits", "+", 1) }))
    .where("key", "=", key)
    .execute();
  return fromJson<T | undefined>(row.response, undefined);
}

/**
 * Stores (or replaces) an entry for ttlMs (default CACHE_TTL_SECONDS), then drops expired entries and, above
 * CACHE_MAX_ENTRIES, the oldest ones. A ttl of 0 or less stores nothing.
 */
export async function cachePut(
  context: StoreContext,
  key: string,
  value: unknown,
  ttlMs: number = context.settings.cacheTtlMs,
): Promise<void> {
  if (!(ttlMs > 0)) return;
  const now = Date.now();
  const row = {
    key,
    response: toJson(value ?? null),
    created_at: new Date(now).toISOString(),
    expires_at: new Date(now + ttlMs).toISOString(),
    hits: 0,
  };
  const { key: _key, ...update } = row;
  await context.db
    .insertInto("cache")
    .values(row)
    .onConflict((conflict) => conflict.column("key").doUpdateSet(update))
    .execute();
  await pruneCache(context, row.created_at);
}

async function pruneCache(context: StoreContext, now: string): Promise<void> {
  await context.db.deleteFrom("cache").where("expires_at", "<=", now).execute();
  const { count } = await context.db
    .selectFrom("cache")
    .select((eb) => eb.fn.countAll<string | number>().as("count"))
    .executeTakeFirstOrThrow();
  const excess = toNumber(count) - context.settings.cacheMaxEntries;
  if (excess <= 0) return;
  const oldest = context.db.selectFrom("cache").select("key").orderBy("created_at").orderBy("key").limit(excess);
  await context.db.deleteFrom("cache").where("key", "in", oldest).execute();
}

/** Empties the cache; returns how many entries were removed. */
export async function cacheClear(context: StoreContext): Promise<number> {
  const result = await context.db.deleteFrom("cache").executeTakeFirst();
  return toNumber(result.numDeletedRows);
}

export async function cacheSize(context: StoreContext): Promise<number> {
  const { count } = await context.db
    .selectFrom("cache")
    .select((eb) => eb.fn.countAll<string | number>().as("count"))
    .executeTakeFirstOrThrow();
  return toNumber(count);
}
