import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompletionResponseBody } from "@/lib/completion/response";
import { completionRequestSchema } from "@/lib/schema/completion-request";
import type { Store } from "./db";
import { toLogEntry } from "./log-entry";
import { createTestDatabase, DIALECTS, sampleEntry, type TestDatabase } from "./test-support";
import { normaliseTraceIds, shouldKeep } from "./traces";

function response(overrides: Partial<CompletionResponseBody> = {}): CompletionResponseBody {
  return {
    inference_id: "t-1",
    trace_id: "t-1",
    content: "The capital is Paris.",
    latency: 1.25,
    input_tokens: 12,
    output_tokens: 6,
    total_tokens: 18,
    cost: 0.000123,
    model: "gpt-4o-mini",
    provider: "openai",
    cache_hit: false,
    status: "success",
    start_timestamp: "2025-03-01T10:00:00.000Z",
    end_timestamp: "2025-03-01T10:00:01.250Z",
    time_to_first_token: 0.2,
    tokens_per_second: 30,
    finish_reason: "stop",
    tool_calls: [],
    warnings: [],
    ...overrides,
  };
}

describe.each(DIALECTS)("logs on %s", (dialect) => {
  let database: TestDatabase;
  let store: Store;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = database.open();
    await store.ready();
  });
  afterAll(() => database.dispose());

  it("round-trips every field of a log built from a request and a response", async () => {
    const request = completionRequestSchema.parse({
      llm_configuration: {
        provider: "openai",
        model: "gpt-4o-mini",
        model_params: { temp: 0.2 },
        messages: [{ role: "user", content: "Capital of {{country}}? 🇫🇷" }],
      },
      llm_inputs: { country: "France" },
      project_name: "round-trip",
      experiment_uuid: "exp-1",
      trace_id: "t-1",
      trace_name: "capitals",
      end_user_identifier: "user-42",
      metadata: { team: "geo", nested: { ok: true } },
      tags: ["geo", "smoke", "geo"],
      target: "Paris",
      provider_api_key: "sk-never-stored-1234567890",
    });
    const entry = toLogEntry(request, response({ cache_hit: true }), { scores: { 1: 0, 6: 0.5 } });
    await store.writeLog(entry);
    const log = await store.getLog("t-1");
    expect(log).toBeDefined();
    const { children, project_uuid, created_at, ...stored } = log!;
    const { project_uuid: _none, identity: _identity, ...expected } = entry;
    // A completion run leaves the platform (SDK span) fields at their defaults.
    const platformDefaults = {
      source: "completion",
      inputs: null,
      child_ids: [],
      session_id: null,
      evaluation_scores: null,
      images: null,
      configuration: null,
      feedback: null,
      depth: 0,
      execution_order: 0,
    };
    expect(stored).toEqual({ ...expected, ...platformDefaults, tags: ["geo", "smoke"], scores: { "1": 0, "6": 0.5 } });
    expect(children).toEqual([]);
    expect(project_uuid).toBe((await store.getOrCreateProject("round-trip")).uuid);
    expect(Number.isNaN(Date.parse(created_at))).toBe(false);
    expect(JSON.stringify(log)).not.toContain("sk-never-stored");
  });

  it("omit flags drop exactly what they say", async () => {
    const base = {
      llm_configuration: {
        provider: "openai",
        model: "m",
        model_params: { temp: 1 },
        messages: [{ role: "user", content: "secret {{x}}" }],
        functions: [{ name: "f", parameters: {} }],
        function_call: "auto",
      },
      llm_inputs: { x: "input" },
      trace_name: "omit",
    };
    const cases = [
      { flags: {}, inputs: true, output: true },
      { flags: { log_omit_inputs: true }, inputs: false, output: true },
      { flags: { log_omit_outputs: true }, inputs: true, output: false },
      { flags: { log_omit: true }, inputs: false, output: false },
    ];
    for (const [index, { flags, inputs, output }] of cases.entries()) {
      const request = completionRequestSchema.parse({ ...base, ...flags });
      const traceId = `omit-${dialect}-${index}`;
      await store.writeLog(toLogEntry(request, response({ trace_id: traceId, content: "the answer" })));
      const log = (await store.getLog(traceId))!;
      const configuration = log.request?.llm_configuration as Record<string, unknown>;
      for (const key of ["messages", "functions", "function_call", "model_params"]) {
        expect(key in configuration, `${index} ${key}`).toBe(inputs);
      }
      expect("llm_inputs" in log.request!).toBe(inputs);
      expect(configuration.model).toBe("m");
      expect(log.output).toBe(output ? "the answer" : null);
      expect(log.trace_name).toBe("omit");
      expect(log.total_tokens).toBe(18);
    }
  });

  it("sampling: rate 0 drops, rate 1 keeps, children follow their root", async () => {
    const write = async (project: string, rate: number, traceId: string, parent?: string, root?: string) => {
      const request = completionRequestSchema.parse({
        project_name: project,
        log_sample_rate: rate,
        parent_trace_id: parent ?? traceId,
        root_trace_id: root ?? "",
      });
      const ids = normaliseTraceIds(request, traceId);
      if (!shouldKeep(ids.traceId, ids.rootTraceId, request.log_sample_rate)) return;
      await store.writeLog(toLogEntry(request, response({ trace_id: traceId }), { traceIds: ids }));
    };
    for (let trace = 0; trace < 60; trace++) {
      for (const [project, rate] of [
        ["sample-0", 0],
        ["sample-1", 1],
        ["sample-half", 0.5],
      ] as const) {
        const root = `${project}-${dialect}-${trace}`;
        await write(project, rate, root);
        await write(project, rate, `${root}-child`, root, root);
        await write(project, rate, `${root}-grandchild`, `${root}-child`, root);
      }
    }
    const count = async (project: string) => (await store.listLogs({ project_name: project }, { limit: 500 })).items;
    expect(await count("sample-0")).toHaveLength(0);
    expect(await count("sample-1")).toHaveLength(180);
    const half = await count("sample-half");
    const perRoot = new Map<string, number>();
    for (const log of half) perRoot.set(log.root_trace_id, (perRoot.get(log.root_trace_id) ?? 0) + 1);
    expect([...perRoot.values()].every((n) => n === 3)).toBe(true);
    expect(perRoot.size).toBeGreaterThan(10);
    expect(perRoot.size).toBeLessThan(50);
    const root = [...perRoot.keys()][0]!;
    const tree = (await store.getLog(root))!;
    expect(tree.children.map((child) => child.trace_id)).toEqual([`${root}-child`]);
    expect(tree.children[0]?.parent_trace_id).toBe(root);
  }, 120_000);

  it("writing a trace id again replaces the log and its tags", async () => {
    await store.writeLog(sampleEntry({ trace_id: `again-${dialect}`, tags: ["a"], output: "first" }));
    await store.writeLog(sampleEntry({ trace_id: `again-${dialect}`, tags: ["b"], output: "second" }));
    const log = (await store.getLog(`again-${dialect}`))!;
    expect(log.output).toBe("second");
    expect((await store.listLogs({ tags: ["a"], search: "second" })).items).toHaveLength(0);
    expect((await store.listLogs({ tags: ["b"], search: "second" })).items).toHaveLength(1);
    expect(await store.setLogScores(`again-${dialect}`, { 2: 1 })).toBe(true);
    expect(await store.setLogScores(`again-${dialect}`, { 3: 0.5 })).toBe(true);
    expect((await store.getLog(`again-${dialect}`))!.scores).toEqual({ "2": 1, "3": 0.5 });
    expect(await store.setLogScores("missing", { 2: 1 })).toBe(false);
  });

  it("scopes reads by identity, and another identity cannot replace a trace id", async () => {
    const trace = `scoped-${dialect}`;
    await store.writeLog(sampleEntry({ trace_id: trace, identity: "alice", output: "alice's", tags: ["mine"] }));
    await store.writeLog(
      sampleEntry({ trace_id: `${trace}-child`, parent_trace_id: trace, root_trace_id: trace, identity: "bob" }),
    );
    await expect(
      store.writeLog(sampleEntry({ trace_id: trace, identity: "bob", output: "bob's", tags: ["theirs"] })),
    ).rejects.toThrow(/another caller/);
    const log = (await store.getLog(trace, { identity: "alice" }))!;
    expect(log.output).toBe("alice's");
    expect(log.tags).toEqual(["mine"]);
    expect(log).not.toHaveProperty("identity");
    expect(log.children).toEqual([]);
    expect(await store.getLog(trace, { identity: "bob" })).toBeUndefined();
    expect((await store.getLog(trace))!.children).toHaveLength(1);
    expect(
      (await store.listLogs({ root_trace_id: trace, identity: "bob" })).items.map((item) => item.trace_id),
    ).toEqual([`${trace}-child`]);
    expect((await store.listLogs({ tags: ["theirs"] })).items).toHaveLength(0);
    const stats = await store.logStats({ root_trace_id: trace, identity: "alice" });
    expect(stats.reduce((sum, point) => sum + point.requests, 0)).toBe(1);
    // The same identity may rewrite its own trace (an SDK retry).
    await store.writeLog(sampleEntry({ trace_id: trace, identity: "alice", output: "again" }));
    expect((await store.getLog(trace, { identity: "alice" }))!.output).toBe("again");
  });

  it("keeps all of 1,000 concurrent writes", async () => {
    const entries = Array.from({ length: 1000 }, (_, index) =>
      sampleEntry({ trace_id: `bulk-${dialect}-${index}`, project_name: "bulk", tags: ["bulk", `n${index % 7}`] }),
    );
    await Promise.all(entries.map((entry) => store.writeLog(entry)));
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<Store["listLogs"]>> = await store.listLogs(
        { project_name: "bulk" },
        { cursor, limit: 300 },
      );
      for (const item of page.items) seen.add(item.trace_id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(1000);
    const tagged = await store.db
      .selectFrom("log_tags")
      .select((eb) => eb.fn.countAll<string | number>().as("count"))
      .where("tag", "=", "bulk")
      .executeTakeFirstOrThrow();
    expect(Number(tagged.count)).toBe(1000);
  }, 120_000);
});
