import "server-only";
import { randomUUID } from "node:crypto";
import type { Project, StoreContext } from "./types";

/**
 * Parea's get-or-create (the Python SDK calls it before every completion). Race-safe: insert … on conflict do nothing,
 * then read whichever row won.
 */
export async function getOrCreateProject(
  context: StoreContext,
  name: string,
): Promise<Project & { was_created: boolean }> {
  const candidate = { uuid: randomUUID(), name, created_at: new Date().toISOString() };
  const inserted = await context.db
    .insertInto("projects")
    .values(candidate)
    .onConflict((conflict) => conflict.column("name").doNothing())
    .returning(["uuid", "name", "created_at"])
    .executeTakeFirst();
  if (inserted) return { ...inserted, was_created: true };
  const existing = await context.db
    .selectFrom("projects")
    .select(["uuid", "name", "created_at"])
    .where("name", "=", name)
    .executeTakeFirstOrThrow();
  return { ...existing, was_created: false };
}

export async function listProjects(context: StoreContext): Promise<Project[]> {
  return context.db.selectFrom("projects").select(["uuid", "name", "created_at"]).orderBy("name").execute();
}
