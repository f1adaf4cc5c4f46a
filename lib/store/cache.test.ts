import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheKey, canonicalJson } from "./cache-key";
import type { Store } from "./db";
import { createTestDatabase, DIALECTS, type TestDatabase } from "./test-support";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DIALECTS)("cache on %s", (dialect) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = database.open({ cacheMaxEntries: 5, cacheTtlSeconds: 60 });
    await store.ready();
  });
  afterAll(() => database.dispose());

  it("puts, gets and counts hits; a miss is undefined", async () => {
    const value = { content: "hi", tool_calls: [], input_tokens: 3, output_tokens: 1, model: "m", provider: "openai" };
    await store.cachePut("k-1", value);
    expect(await store.cacheGet("k-1")).toEqual(value);
    expect(await store.cacheGet("k-1")).toEqual(value);
    expect(await store.cacheGet("missing")).toBeUndefined();
    const row = await store.db.selectFrom("cache").selectAll().where("key", "=", "k-1").executeTakeFirstOrThrow();
    expect(Number(row.hits)).toBe(2);
    expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(60_000);
    await store.cachePut("k-1", { content: "replaced" });
    expect(await store.cacheGet("k-1")).toEqual({ content: "replaced" });
  });

  it("expires entries after their ttl", async () => {
    await store.cachePut("short", { content: "soon gone" }, 40);
    expect(await store.cacheGet("short")).toEqual({ content: "soon gone" });
    await sleep(80);
    expect(await store.cacheGet("short")).toBeUndefined();
    expect(await store.db.selectFrom("cache").select("key").where("key", "=", "short").execute()).toEqual([]);
    await store.cachePut("never", { content: "x" }, 0);
    expect(await store.cacheGet("never")).toBeUndefined();
  });

  it("evicts the oldest entries above the size cap, and clears", async () => {
    await store.cacheClear();
    for (let index = 0; index < 8; index++) {
      await store.cachePut(`cap-${index}`, { content: String(index) });
      await sleep(3);
    }
    expect(await store.cacheSize()).toBe(5);
    const keys = (await store.db.selectFrom("cache").select("key").orderBy("key").execute()).map((row) => row.key);
    expect(keys).toEqual(["cap-3", "cap-4", "cap-5", "cap-6", "cap-7"]);
    expect(await store.cacheClear()).toBe(5);
    expect(await store.cacheGet("cap-7")).toBeUndefined();
    expect(await store.cacheSize()).toBe(0);
  });
});

describe("cacheKey", () => {
  const base = {
    provider: "openai",
    model: "gpt-4o-mini",
    model_params: { temp: 0.5, top_p: 1 },
    messages: [{ role: "user" as const, content: "hi" }],
  };

  it("ignores key order and unset fields, and is sha256 hex", () => {
    const key = cacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(
      cacheKey({
        model_params: { top_p: 1, temp: 0.5, seed: null },
        messages: base.messages,
        model: "gpt-4o-mini",
        provider: "openai",
        functions: null,
        base_url: undefined,
      }),
    ).toBe(key);
    expect(cacheKey({ ...base, extra: "ignored" } as typeof base)).toBe(key);
  });

  it("changes with every input that changes the answer", () => {
    const key = cacheKey(base);
    const variants = [
      { ...base, provider: "anthropic" },
      { ...base, model: "gpt-4o" },
      { ...base, model_params: { temp: 0.6, top_p: 1 } },
      { ...base, messages: [{ role: "user" as const, content: "hi!" }] },
      { ...base, messages: [{ role: "system" as const, content: "hi" }] },
      { ...base, functions: [{ name: "f" }] },
      { ...base, function_call: "auto" as const },
      { ...base, base_url: "http://localhost:11434/v1" },
    ];
    const keys = new Set(variants.map(cacheKey));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(key)).toBe(false);
  });

  it("canonical JSON sorts keys at every depth", () => {
    expect(canonicalJson({ b: [{ z: 1, a: null }], a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":[{"z":1}]}');
  });
});
