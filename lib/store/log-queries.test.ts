import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "./db";
import { percentile } from "./log-stats";
import { createTestDatabase, DIALECTS, sampleEntry, type TestDatabase } from "./test-support";
import { StoreInputError } from "./types";

const HOUR = 3_600_000;
const T0 = Date.parse("2025-06-01T10:00:00.000Z");
const at = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

describe.each(DIALECTS)("listLogs and logStats on %s", (dialect) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = database.open();
    // 30 logs over 3 hours in project "q"; every 3rd is an error, tags cycle, users alternate.
    const entries = Array.from({ length: 30 }, (_, index) =>
      sampleEntry({
        trace_id: `q-${String(index).padStart(2, "0")}`,
        project_name: "q",
        status: index % 3 === 0 ? "error" : "success",
        error: index % 3 === 0 ? "upstream 500" : null,
        provider: index % 2 === 0 ? "openai" : "anthropic",
        model: index % 2 === 0 ? "gpt-4o-mini" : "claude-haiku",
        tags: [["red"], ["green"], ["blue", "red"]][index % 3]!,
        end_user_identifier: index % 2 === 0 ? "alice" : "bob",
        experiment_uuid: index < 10 ? "exp-a" : null,
        trace_name: index === 7 ? "Weather Report" : null,
        output: index === 11 ? "100% sure_thing, Ünïcode" : `output ${index}`,
        latency: index + 1,
        input_tokens: 10,
        output_tokens: index,
        total_tokens: 10 + index,
        cost: 0.1,
        created_at: at(Math.floor(index / 10) * HOUR + (index % 10) * 60_000),
      }),
    );
    // Same created_at for two logs: the trace_id breaks the tie in the keyset.
    entries.push(sampleEntry({ trace_id: "q-tie", project_name: "q", created_at: at(5 * 60_000), tags: [] }));
    for (const entry of entries) await store.writeLog(entry);
    await store.writeLog(sampleEntry({ trace_id: "other", project_name: "other-project", created_at: at(0) }));
  });
  afterAll(() => database.dispose());

  const ids = async (filters: Parameters<Store["listLogs"]>[0]) =>
    (await store.listLogs({ project_name: "q", ...filters }, { limit: 500 })).items.map((log) => log.trace_id);

  it("lists newest first and filters by every field", async () => {
    const all = await ids({});
    expect(all).toHaveLength(31);
    expect(all[0]).toBe("q-29");
    expect(all.at(-1)).toBe("q-00");
    expect(await ids({ status: "error" })).toHaveLength(10);
    expect(await ids({ provider: "anthropic" })).toHaveLength(15);
    expect(await ids({ model: "gpt-4o-mini" })).toHaveLength(16);
    expect(await ids({ end_user_identifier: "alice", status: "error" })).toEqual([
      "q-24",
      "q-18",
      "q-12",
      "q-06",
      "q-00",
    ]);
    expect(await ids({ experiment_uuid: "exp-a" })).toHaveLength(10);
    expect(await ids({ tags: ["green"] })).toHaveLength(10);
    expect(await ids({ tags: ["green", "blue"] })).toHaveLength(20);
    expect(await ids({ tags: ["red"] })).toHaveLength(20);
    expect(await ids({ tags: ["nope"] })).toEqual([]);
    expect(await ids({ from: at(HOUR), to: at(2 * HOUR) })).toHaveLength(10);
    expect(await ids({ from: new Date(T0 + 2 * HOUR) })).toHaveLength(10);
    expect(await ids({ to: T0 + HOUR })).toHaveLength(11);
    const project = await store.getOrCreateProject("q");
    expect(await store.listLogs({ project_uuid: project.uuid }, { limit: 500 })).toMatchObject({ nextCursor: null });
    expect((await store.listLogs({}, { limit: 500 })).items).toHaveLength(32);
  });

  it("searches output, request and trace name case-insensitively, with LIKE characters taken literally", async () => {
    expect(await ids({ search: "weather REPORT" })).toEqual(["q-07"]);
    expect(await ids({ search: "OUTPUT 2" })).toEqual([
      "q-29",
      "q-28",
      "q-27",
      "q-26",
      "q-25",
      "q-24",
      "q-23",
      "q-22",
      "q-21",
      "q-20",
      "q-02",
    ]);
    expect(await ids({ search: "100%" })).toEqual(["q-11"]);
    expect(await ids({ search: "0%" })).toEqual(["q-11"]);
    expect(await ids({ search: "e_t" })).toEqual(["q-11"]);
    expect(await ids({ search: "ünï" })).toEqual(["q-11"]);
    expect(await ids({ search: "gpt-4o-mini" })).toHaveLength(31);
    expect(await ids({ search: "%" })).toEqual(["q-11"]);
  });

  it("paginates with a keyset cursor without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<Store["listLogs"]>> = await store.listLogs(
        { project_name: "q" },
        { cursor, limit: 7 },
      );
      seen.push(...page.items.map((log) => log.trace_id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual(await ids({}));
    expect(seen.indexOf("q-tie")).toBe(seen.indexOf("q-05") - 1);
    const filtered = await store.listLogs({ project_name: "q", status: "error" }, { limit: 4 });
    const next = await store.listLogs(
      { project_name: "q", status: "error" },
      { limit: 4, cursor: filtered.nextCursor },
    );
    expect(next.items.map((log) => log.trace_id)).toEqual(["q-15", "q-12", "q-09", "q-06"]);
    await expect(store.listLogs({}, { cursor: "garbage" })).rejects.toBeInstanceOf(StoreInputError);
    await expect(store.listLogs({ from: "not a date" })).rejects.toBeInstanceOf(StoreInputError);
  });

  it("buckets stats by hour and by day", async () => {
    const hours = await store.logStats({ project_name: "q" }, "hour");
    expect(hours.map((point) => point.bucket)).toEqual([at(0), at(HOUR), at(2 * HOUR)]);
    const first = hours[0]!;
    // Hour 0: logs 0..9 plus the tie (latency 0.5); errors at 0, 3, 6, 9.
    expect(first.requests).toBe(11);
    expect(first.errors).toBe(4);
    expect(first.latency_p50).toBe(5);
    expect(first.latency_p95).toBeCloseTo(9.5, 10);
    expect(first.input_tokens).toBe(110);
    expect(first.output_tokens).toBe(45 + 5);
    expect(first.cost).toBeCloseTo(1.0001, 9);
    expect(hours[2]).toMatchObject({ requests: 10, errors: 3, latency_p50: 25.5, output_tokens: 245 });

    const days = await store.logStats({ project_name: "q" }, "day");
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ bucket: "2025-06-01T00:00:00.000Z", requests: 31, errors: 10 });

    const window = await store.logStats({ project_name: "q", from: at(-2 * HOUR), to: at(4 * HOUR) }, "hour");
    expect(window.map((point) => point.requests)).toEqual([0, 0, 11, 10, 10, 0]);
    expect(await store.logStats({ project_name: "nobody" }, "day")).toEqual([]);
  });
});

describe("percentile", () => {
  it("interpolates between ranks", () => {
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([3], 0.95)).toBe(3);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBeCloseTo(9.55, 10);
  });
});
