import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./db";
import { createTestDatabase, DIALECTS, type TestDatabase } from "./test-support";

describe.each(DIALECTS)("share snapshots on %s", (dialect) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = database.open();
    await store.ready();
  });
  afterAll(async () => database?.dispose());

  it("stores a snapshot once and reads it back by id; an unknown id is undefined", async () => {
    const snapshot = { id: "abcDEF0123456789_-abcd", request: { llm_configuration: { model: "m" } }, createdAt: "now" };
    await store.putSnapshot(snapshot.id, snapshot);
    expect(await store.getSnapshot(snapshot.id)).toEqual(snapshot);
    expect(await store.getSnapshot("nope")).toBeUndefined();
    await expect(store.putSnapshot(snapshot.id, { other: true })).rejects.toThrow();
  });

  it("stores no secret-named field at any depth (issue 9, point 18)", async () => {
    const id = "secretsSNAPSHOT0123456";
    await store.putSnapshot(id, {
      id,
      request: {
        provider_api_key: "sk-top",
        metadata: { headers: { Authorization: "Bearer sk-nested" }, list: [{ x_api_key: "k", keep: 1 }] },
        llm_configuration: { model: "m" },
      },
    });
    const row = await store.db.selectFrom("snapshots").select("content").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.content).not.toMatch(/sk-|Authorization|api_key/i);
    expect(await store.getSnapshot(id)).toEqual({
      id,
      request: { metadata: { headers: {}, list: [{ keep: 1 }] }, llm_configuration: { model: "m" } },
    });
  });

  it("a row stored with a secret before stripping existed reads back without it", async () => {
    const id = "legacySNAPSHOT01234567";
    const content = JSON.stringify({ id, request: { metadata: { api_key: "sk-legacy" } } });
    await store.db
      .insertInto("snapshots")
      .values({ id, content, created_at: new Date().toISOString(), owner: null, bytes: 0, expires_at: null })
      .execute();
    expect(await store.getSnapshot(id)).toEqual({ id, request: { metadata: {} } });
  });
});
