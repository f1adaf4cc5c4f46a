import "server-only";
import { stripSecrets } from "@/lib/share/strip-secrets";
import type { StoreContext } from "./types";

/** Immutable share snapshots (short links): stored once under an id chosen by the caller, read by id, never changed. */
export async function putSnapshot(context: StoreContext, id: string, content: unknown): Promise<void> {
  await context.db
    .insertInto("snapshots")
    .values({ id, content: JSON.stringify(stripSecrets(content)), created_at: new Date().toISOString() })
    .execute();
}

export async function getSnapshot<T = unknown>(context: StoreContext, id: string): Promise<T | undefined> {
  const row = await context.db.selectFrom("snapshots").select("content").where("id", "=", id).executeTakeFirst();
  return row ? (JSON.parse(row.content) as T) : undefined;
}
