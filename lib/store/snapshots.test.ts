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
});
