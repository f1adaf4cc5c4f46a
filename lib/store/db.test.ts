import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { closeStore, createStore, getStore, isPostgresUrl } from "./db";
import { createTestDatabase, DIALECTS } from "./test-support";

const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };

afterEach(async () => {
  await closeStore();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("getStore", () => {
  it("opens one SQLite store per process at DATA_DIR/playground.db when DATABASE_URL is unset", async () => {
    const directory = mkdtempSync(path.join(tmpdir(), "store-env-"));
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = path.join(directory, "nested");
    try {
      const store = getStore();
      expect(getStore()).toBe(store);
      expect(store.dialect).toBe("sqlite");
      await store.ready();
      expect(existsSync(path.join(directory, "nested", "playground.db"))).toBe(true);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(store.db);
      expect(mode.rows[0]?.journal_mode).toBe("wal");
      await closeStore();
      expect(getStore()).not.toBe(store);
    } finally {
      await closeStore();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it.runIf(DIALECTS.includes("postgres"))("uses PostgreSQL when DATABASE_URL is set", async () => {
    const database = await createTestDatabase("postgres");
    try {
      process.env.DATABASE_URL = database.url;
      const store = getStore();
      expect(store.dialect).toBe("postgres");
      expect((await store.getOrCreateProject("env")).was_created).toBe(true);
    } finally {
      await closeStore();
      await database.dispose();
    }
  });

  it("recognises postgres URLs and refuses calls after close", async () => {
    expect(isPostgresUrl("postgres://u@h/db")).toBe(true);
    expect(isPostgresUrl("postgresql://u@h/db")).toBe(true);
    expect(isPostgresUrl("./data/playground.db")).toBe(false);
    const store = createStore({ url: ":memory:" });
    expect((await store.getOrCreateProject("x")).was_created).toBe(true);
    await store.close();
    await expect(store.listProjects()).rejects.toThrow(/closed/);
  });
});
