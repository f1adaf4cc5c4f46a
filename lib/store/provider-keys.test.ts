import { existsSync, readFileSync } from "node:fs";
import { Migrator } from "kysely/migration";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyHint, ProviderKeysError, seal } from "./crypto";
import type { Store } from "./db";
import { migrationsFor } from "./migrations";
import { createTestDatabase, DIALECTS, type TestDatabase } from "./test-support";

const MARKER = `sk-proj-MARKER${Math.random().toString(36).slice(2)}zz9Q`;

async function rawBytes(database: TestDatabase): Promise<Buffer> {
  if (database.file) {
    // WAL mode: fresh writes sit in the -wal file until a checkpoint, so read both.
    const files = [database.file, `${database.file}-wal`].filter((file) => existsSync(file));
    return Buffer.concat(files.map((file) => readFileSync(file)));
  }
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    return Buffer.from(JSON.stringify((await client.query("select * from provider_keys")).rows));
  } finally {
    await client.end();
  }
}

describe.each(DIALECTS)("provider keys on %s", (dialect) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = database.open({ keysSecret: "operator-secret-1" });
  });
  afterAll(() => database.dispose());

  it("stores keys encrypted at rest and decrypts them for their owner only", async () => {
    const saved = await store.saveProviderKey("alice", "openai", MARKER);
    expect(saved.hint).toBe(`sk-…${MARKER.slice(-4)}`);
    await store.saveProviderKey("alice", "anthropic", "sk-ant-api03-abcdef-WXYZ");
    const bytes = await rawBytes(database);
    // The hint is stored in clear (it is meant to be shown); the key is not.
    expect(bytes.includes(saved.hint)).toBe(true);
    expect(bytes.includes("MARKER")).toBe(false);

    expect(await store.getProviderKey("alice", "openai")).toBe(MARKER);
    expect(await store.getProviderKey("bob", "openai")).toBeUndefined();
    expect(await store.getProviderKey("alice", "mistral")).toBeUndefined();

    const listed = await store.listProviderKeys("alice");
    expect(listed.map((key) => Object.keys(key).sort())).toEqual([
      ["base_url", "created_at", "hint", "provider"],
      ["base_url", "created_at", "hint", "provider"],
    ]);
    expect(listed.map((key) => [key.provider, key.hint])).toEqual([
      ["anthropic", "sk-…WXYZ"],
      ["openai", saved.hint],
    ]);
    expect(JSON.stringify(listed)).not.toContain("MARKER");
    expect(await store.listProviderKeys("bob")).toEqual([]);
  });

  it("replaces a key, deletes it, and refuses a row copied onto another identity", async () => {
    await store.saveProviderKey("carol", "groq", "gsk_first_key_0000000001");
    await store.saveProviderKey("carol", "groq", "gsk_second_key_000000002");
    expect(await store.getProviderKey("carol", "groq")).toBe("gsk_second_key_000000002");

    const row = await store.db
      .selectFrom("provider_keys")
      .selectAll()
      .where("identity", "=", "carol")
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto("provider_keys")
      .values({ ...row, identity: "mallory" })
      .execute();
    await expect(store.getProviderKey("mallory", "groq")).rejects.toBeInstanceOf(ProviderKeysError);

    expect(await store.deleteProviderKey("carol", "groq")).toBe(true);
    expect(await store.deleteProviderKey("carol", "groq")).toBe(false);
    expect(await store.getProviderKey("carol", "groq")).toBeUndefined();
  });

  it("scopes a key to one base URL: never the operator's key, never another base URL's", async () => {
    await store.saveProviderKey("erin", "openai", "sk-operator-url-key-0001");
    const scoped = await store.saveProviderKey(
      "erin",
      "openai",
      "sk-gateway-key-000000002",
      "https://Gateway.example/v1/",
    );
    expect(scoped).toMatchObject({ provider: "openai", base_url: "https://gateway.example/v1" });

    expect(await store.getProviderKey("erin", "openai")).toBe("sk-operator-url-key-0001");
    expect(await store.getProviderKey("erin", "openai", "https://gateway.example/v1")).toBe("sk-gateway-key-000000002");
    expect(await store.getProviderKey("erin", "openai", "https://gateway.example/v1/")).toBe(
      "sk-gateway-key-000000002",
    );
    expect(await store.getProviderKey("erin", "openai", "https://gateway.example/v2")).toBeUndefined();
    expect(await store.getProviderKey("erin", "openai", "http://attacker.example/v1")).toBeUndefined();

    const listed = await store.listProviderKeys("erin");
    expect(listed.map((key) => [key.provider, key.base_url, key.hint])).toEqual([
      ["openai", null, "sk-…0001"],
      ["openai", "https://gateway.example/v1", "sk-…0002"],
    ]);

    // A scoped row moved onto another base URL does not decrypt: the scope is bound into the ciphertext.
    const row = await store.db
      .selectFrom("provider_keys")
      .selectAll()
      .where("identity", "=", "erin")
      .where("base_url", "=", "https://gateway.example/v1")
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto("provider_keys")
      .values({ ...row, base_url: "http://attacker.example/v1" })
      .execute();
    await expect(store.getProviderKey("erin", "openai", "http://attacker.example/v1")).rejects.toBeInstanceOf(
      ProviderKeysError,
    );

    expect(await store.deleteProviderKey("erin", "openai", "https://gateway.example/v1")).toBe(true);
    expect(await store.getProviderKey("erin", "openai")).toBe("sk-operator-url-key-0001");
    await expect(store.saveProviderKey("erin", "openai", "sk-whatever-00000000", "ftp://x")).rejects.toThrow(/http/);
  });

  it("refuses to save without KEYS_SECRET and cannot read with a different one", async () => {
    const previous = process.env.KEYS_SECRET;
    delete process.env.KEYS_SECRET;
    try {
      const noSecret = database.open({ keysSecret: "" });
      await expect(noSecret.saveProviderKey("dave", "openai", "sk-whatever-0000000000")).rejects.toThrow(/KEYS_SECRET/);
      await expect(noSecret.getProviderKey("alice", "openai")).rejects.toBeInstanceOf(ProviderKeysError);
      expect(await noSecret.getProviderKey("dave", "openai")).toBeUndefined();
    } finally {
      if (previous !== undefined) process.env.KEYS_SECRET = previous;
    }
    const rotated = database.open({ keysSecret: "operator-secret-2" });
    await expect(rotated.getProviderKey("alice", "openai")).rejects.toThrow(/KEYS_SECRET changed/);
  });
});

describe.each(DIALECTS)("0005_keys_base_url on %s", (dialect) => {
  it("keeps a key saved before scopes existed, as the key for the operator's base URL", async () => {
    const database = await createTestDatabase(dialect);
    try {
      const store = database.open({ keysSecret: "upgrade-secret" });
      const before = Object.fromEntries(
        Object.entries(migrationsFor(dialect)).filter(([name]) => name < "0005_keys_base_url"),
      );
      const { error } = await new Migrator({
        db: store.db,
        provider: { getMigrations: async () => before },
      }).migrateToLatest();
      expect(error).toBeUndefined();
      const sealed = seal("upgrade-secret", "sk-saved-before-0005-key", "provider-key\u0000frank\u0000openai");
      await store.db
        .insertInto("provider_keys" as never)
        .values({
          identity: "frank",
          provider: "openai",
          ...sealed,
          hint: "sk-…0005",
          created_at: "2026-01-01",
        } as never)
        .execute();
      // The first store call brings the schema up to date.
      expect(await store.getProviderKey("frank", "openai")).toBe("sk-saved-before-0005-key");
      expect(await store.getProviderKey("frank", "openai", "http://attacker.example/v1")).toBeUndefined();
      expect((await store.listProviderKeys("frank")).map((key) => key.base_url)).toEqual([null]);
    } finally {
      await database.dispose();
    }
  });
});

describe("keyHint", () => {
  it("shows a prefix and the last four characters of long keys, less of short ones", () => {
    expect(keyHint("sk-proj-1234567890ABCD")).toBe("sk-…ABCD");
    expect(keyHint("AIzaSyA1234567890abcdefgh")).toBe("AIz…efgh");
    expect(keyHint("short-key-123")).toBe("…23");
    expect(keyHint("tiny")).toBe("…");
  });
});
