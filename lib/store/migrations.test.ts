import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_METRICS } from "@/lib/evals/builtins";
import { EvalMetricError } from "@/lib/evals/types";
import { createTestDatabase, DIALECTS, sampleEntry, type TestDatabase } from "./test-support";

describe.each(DIALECTS)("migrations and seeds on %s", (dialect) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
  });
  afterAll(() => database.dispose());

  it("apply once when several stores start together, and again is a no-op", async () => {
    // SQLite stores in one process share no lock, so they start one after another; Postgres ones race for real.
    const first = database.open();
    if (dialect === "postgres") {
      await Promise.all([first, database.open(), database.open(), database.open()].map((store) => store.ready()));
    } else {
      await first.ready();
    }
    await first.writeLog(sampleEntry({ trace_id: "survives" }));
    const second = database.open();
    await second.ready();
    expect((await second.getLog("survives"))?.trace_id).toBe("survives");
    const applied = await second.db
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .execute();
    expect(applied).toEqual([{ name: "0001_initial" }, { name: "0002_snapshots" }, { name: "0006_platform" }]);
  });

  it("seeds the built-in eval metrics, and custom ones start at 101", async () => {
    const store = database.open();
    const seeded = await store.listEvalMetrics();
    expect(seeded).toEqual(BUILTIN_METRICS);
    const custom = await store.createEvalMetric({
      name: "Starts with yes",
      kind: "regex",
      config: { pattern: "^yes", flags: "i" },
    });
    expect(custom).toEqual({
      id: 101,
      name: "Starts with yes",
      kind: "regex",
      config: { pattern: "^yes", flags: "i" },
    });
    expect((await store.createEvalMetric({ name: "Judge", kind: "llm_judge", config: { rubric: "Be kind" } })).id).toBe(
      102,
    );
    await expect(
      store.createEvalMetric({ name: "Bad", kind: "regex", config: { pattern: "(" } }),
    ).rejects.toBeInstanceOf(EvalMetricError);
    await expect(store.createEvalMetric({ name: "Bad", kind: "telepathy" })).rejects.toBeInstanceOf(EvalMetricError);
    await expect(
      store.createEvalMetric({ name: "Bad", kind: "json_schema", config: { schema: { type: "nonsense" } } }),
    ).rejects.toBeInstanceOf(EvalMetricError);
    expect((await store.listEvalMetrics()).map((metric) => metric.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 101, 102]);
  });

  it("gets or creates a project once under a race", async () => {
    const store = database.open();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.getOrCreateProject("racy")));
    expect(results.filter((result) => result.was_created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.uuid)).size).toBe(1);
    expect(results[0]).toMatchObject({ name: "racy", uuid: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const again = await store.getOrCreateProject("racy");
    expect(again).toEqual({ ...results[0], was_created: false });
    expect((await store.listProjects()).map((project) => project.name)).toContain("racy");
  });
});
