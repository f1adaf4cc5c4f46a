import { Migrator } from "kysely/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFor } from "./migrations";
import { createTestDatabase, DIALECTS, sampleEntry, type TestDatabase } from "./test-support";
import type { LogEntry } from "./types";

function span(overrides: Partial<LogEntry> = {}): LogEntry {
  return sampleEntry({ source: "sdk", request: null, ...overrides });
}

describe.each(DIALECTS)("Parea platform spans on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.dispose());

  it("0006_platform keeps the logs written before it", async () => {
    const store = database.open();
    const provider = { getMigrations: async () => migrationsFor(dialect) };
    const { error } = await new Migrator({ db: store.db, provider }).migrateTo("0002_snapshots");
    expect(error).toBeUndefined();
    await store.db
      .insertInto("projects")
      .values({ uuid: "p-old", name: "old", created_at: new Date().toISOString() })
      .execute();
    await store.db
      .insertInto("logs")
      .values({
        trace_id: "before-0006",
        root_trace_id: "before-0006",
        parent_trace_id: null,
        project_uuid: "p-old",
        project_name: "old",
        status: "success",
        tags: "[]",
        scores: "{}",
        created_at: new Date().toISOString(),
      } as never)
      .execute();
    await store.ready();
    const log = await store.getLogRecord("before-0006");
    expect(log).toMatchObject({
      trace_id: "before-0006",
      source: "completion",
      depth: 0,
      child_ids: [],
      feedback: null,
    });
  });

  it("applies a PUT that arrived before its POST, and keeps feedback across a retried POST", async () => {
    const store = database.open();
    expect(await store.patchSpan("early", { target: "Hi", scores: [{ name: "ab", score: 1 }] })).toBe(false);
    expect(await store.patchSpan("early", { feedback_score: 0.5, feedback_name: "thumbs", metadata: { a: "1" } })).toBe(
      false,
    );
    await store.writeSpan(span({ trace_id: "early", root_trace_id: "early", metadata: { b: "2" } }));
    let log = await store.getLogRecord("early");
    expect(log).toMatchObject({
      target: "Hi",
      scores: { ab: 1 },
      evaluation_scores: [{ name: "ab", score: 1, reason: null }],
      feedback: { score: 0.5, name: "thumbs", comment: null },
      metadata: { a: "1", b: "2" },
    });
    await store.writeSpan(span({ trace_id: "early", root_trace_id: "early", trace_name: "again" }));
    log = await store.getLogRecord("early");
    expect(log).toMatchObject({ trace_name: "again", feedback: { score: 0.5 } });
    expect(await store.db.selectFrom("log_patches").selectAll().execute()).toEqual([]);
    expect(await store.patchSpan("early", { output: "patched" })).toBe(true);
    expect((await store.getLogRecord("early"))?.output).toBe("patched");
  });

  it("keeps every patch under concurrent PUTs and POSTs of one trace", async () => {
    const store = database.open();
    await Promise.all([
      ...Array.from({ length: 10 }, (_, index) =>
        store.patchSpan("racy", { scores: [{ name: `s${index}`, score: 1 }] }),
      ),
      store.writeSpan(span({ trace_id: "racy", root_trace_id: "racy" })),
    ]);
    expect(Object.keys((await store.getLogRecord("racy"))?.scores ?? {}).sort()).toEqual(
      Array.from({ length: 10 }, (_, index) => `s${index}`).sort(),
    );
  });

  it("lists roots with filters and sums a trace's tokens", async () => {
    const store = database.open();
    await store.writeSpan(span({ trace_id: "r1", root_trace_id: "r1", project_name: "q", trace_name: "root" }));
    await store.writeSpan(
      span({
        trace_id: "c1",
        parent_trace_id: "r1",
        root_trace_id: "r1",
        project_name: "q",
        input_tokens: 3,
        output_tokens: 4,
        total_tokens: 7,
        cost: 0.5,
        metadata: { env: "prod" },
      }),
    );
    const page = await store.queryTraceRoots({ project_name: "q", page: 1, page_size: 10 });
    expect(page.items.map((log) => log.trace_id)).toEqual(["r1"]);
    expect(page.total).toBe(1);
    const totals = await store.traceTotals(["r1"]);
    expect(totals.get("r1")).toEqual({ input_tokens: 3, output_tokens: 4, total_tokens: 7, cost: 0.5 });
    const like = await store.queryTraceRoots({
      project_name: "q",
      filter: { field: "trace_name", operator: "like", value: "OO" },
      page: 1,
      page_size: 10,
    });
    expect(like.total).toBe(1);
    const none = await store.queryTraceRoots({
      project_name: "q",
      filter: { field: "latency", operator: "greater_than", value: "1000" },
      page: 1,
      page_size: 10,
    });
    expect(none.total).toBe(0);
  });
});
