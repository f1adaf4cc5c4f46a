import "server-only";
import { stripSecrets } from "@/lib/share/strip-secrets";
import { toNumber } from "./json";
import type { StoreContext } from "./types";

export interface SnapshotWriteOptions {
  /** The quota and rate bucket the snapshot counts against. */
  owner?: string | null;
  /** ISO time after which it is gone (410, then purged). */
  expiresAt?: string | null;
}

/**
 * Immutable share snapshots (short links): stored once under an id chosen by the caller, read by id, never changed.
 * No secret-named field is stored, at any depth. Returns the stored size in bytes.
 */
export async function putSnapshot(
  context: StoreContext,
  id: string,
  content: unknown,
  options: SnapshotWriteOptions = {},
): Promise<number> {
  const text = JSON.stringify(stripSecrets(content));
  const bytes = Buffer.byteLength(text);
  await context.db
    .insertInto("snapshots")
    .values({
      id,
      content: text,
      created_at: new Date().toISOString(),
      owner: options.owner ?? null,
      bytes,
      expires_at: options.expiresAt ?? null,
    })
    .execute();
  return bytes;
}

export async function getSnapshot<T = unknown>(context: StoreContext, id: string): Promise<T | undefined> {
  const row = await context.db.selectFrom("snapshots").select("content").where("id", "=", id).executeTakeFirst();
  // Stripped on the way out too: rows stored before secrets were stripped on the way in.
  return row ? stripSecrets(JSON.parse(row.content) as T) : undefined;
}

export interface SnapshotRecord<T = unknown> {
  content: T;
  created_at: string;
  expires_at: string | null;
}

/** The snapshot with its times, for the reader that enforces expiry. */
export async function getSnapshotRecord<T = unknown>(
  context: StoreContext,
  id: string,
): Promise<SnapshotRecord<T> | undefined> {
  const row = await context.db
    .selectFrom("snapshots")
    .select(["content", "created_at", "expires_at"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    content: stripSecrets(JSON.parse(row.content) as T),
    created_at: row.created_at,
    expires_at: row.expires_at,
  };
}

export interface SnapshotUsage {
  /** Live (unexpired) snapshots of the owner and their bytes. */
  count: number;
  bytes: number;
  /** Snapshots the owner created since `since`, and the oldest of their times (for Retry-After). */
  recent: number;
  oldestRecent: string | null;
}

/** What an owner holds now and created lately: the quota and the rate limit read the store, so every instance agrees. */
export async function snapshotUsage(
  context: StoreContext,
  owner: string,
  now: string,
  since: string,
): Promise<SnapshotUsage> {
  const live = await context.db
    .selectFrom("snapshots")
    .select((eb) => [eb.fn.countAll<string | number>().as("count"), eb.fn.sum<string | number>("bytes").as("bytes")])
    .where("owner", "=", owner)
    .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)]))
    .executeTakeFirstOrThrow();
  const recent = await context.db
    .selectFrom("snapshots")
    .select((eb) => [eb.fn.countAll<string | number>().as("count"), eb.fn.min<string>("created_at").as("oldest")])
    .where("owner", "=", owner)
    .where("created_at", ">", since)
    .executeTakeFirstOrThrow();
  return {
    count: toNumber(live.count),
    bytes: toNumber(live.bytes ?? 0),
    recent: toNumber(recent.count),
    oldestRecent: recent.oldest ?? null,
  };
}

/**
 * Deletes snapshots past their expiry; `legacyBefore` also takes those from before 0004_limits (no expiry stored)
 * created before it. Returns how many went.
 */
export async function purgeSnapshots(context: StoreContext, now: string, legacyBefore: string): Promise<number> {
  const result = await context.db
    .deleteFrom("snapshots")
    .where((eb) =>
      eb.or([
        eb("expires_at", "<=", now),
        eb.and([eb("expires_at", "is", null), eb("created_at", "<=", legacyBefore)]),
      ]),
    )
    .executeTakeFirst();
  return toNumber(result.numDeletedRows);
}

export async function deleteSnapshot(context: StoreContext, id: string): Promise<void> {
  await context.db.deleteFrom("snapshots").where("id", "=", id).execute();
}
