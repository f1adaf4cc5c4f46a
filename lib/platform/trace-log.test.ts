import { describe, expect, it } from "vitest";
import type { LogRecord } from "@/lib/store";
import { mapLangchainRuns } from "./langchain";
import { traceLogSchema } from "./schemas";
import { buildTree, traceLogToEntry } from "./trace-log";

function record(entry: ReturnType<typeof traceLogToEntry>, createdAt: string): LogRecord {
  return { ...entry, project_uuid: "p", created_at: createdAt } as LogRecord;
}

function span(id: string, parent: string, root: string, extra: Record<string, unknown> = {}) {
  return traceLogSchema.parse({
    trace_id: id,
    parent_trace_id: parent,
    root_trace_id: root,
    start_timestamp: "2026-12-01T10:00:00+00:00",
    comments: null,
    annotations: null,
    ...extra,
  });
}

describe("SDK spans as logs and back", () => {
  it("a root is its own parent on the wire and has no parent in the store", () => {
    const entry = traceLogToEntry(
      span("r", "r", "r", { metadata: { k: 1 }, scores: [{ name: "ok", score: true }] }),
      "d",
      null,
    );
    expect(entry).toMatchObject({ parent_trace_id: null, root_trace_id: "r", metadata: { k: "1" }, scores: { ok: 1 } });
    expect(entry.evaluation_scores).toEqual([{ name: "ok", score: true, reason: null }]);
  });

  it("builds the tree in execution order whatever the arrival order, rolling tokens up", () => {
    const logs = [
      record(traceLogToEntry(span("b", "r", "r", { execution_order: 2, total_tokens: 5, cost: 0.1 }), "d", null), "1"),
      record(traceLogToEntry(span("a", "r", "r", { execution_order: 1, total_tokens: 3, cost: 0.2 }), "d", null), "2"),
      record(traceLogToEntry(span("r", "r", "r", { children: ["a", "b", "never-posted"] }), "d", null), "3"),
    ];
    const tree = buildTree(logs, "r");
    expect(tree?.children_logs.map((child) => child.trace_id)).toEqual(["a", "b"]);
    expect(tree).toMatchObject({ parent_trace_id: "r", total_tokens: 8, cost: 0.3, comments: [], annotations: {} });
    expect(tree?.children).toEqual(["a", "b", "never-posted"]);
  });

  it("maps a LangChain run and its child runs under the enclosing @trace span", () => {
    const spans = mapLangchainRuns({
      id: "lc",
      name: "Chain",
      start_time: "2026-12-01T10:00:00",
      end_time: "2026-12-01T10:00:02",
      child_runs: [
        {
          id: "llm",
          name: "ChatOpenAI",
          run_type: "llm",
          outputs: { llm_output: { token_usage: { prompt_tokens: 2, completion_tokens: 1 } } },
        },
      ],
      _parea_root_trace_id: "root",
      _parea_parent_trace_id: "parent",
      _tags: ["x"],
    });
    expect(spans.map((entry) => [entry.trace_id, entry.parent_trace_id, entry.root_trace_id])).toEqual([
      ["lc", "parent", "root"],
      ["llm", "lc", "root"],
    ]);
    expect(spans[0]).toMatchObject({ latency: 2, tags: ["x"], children: ["llm"] });
    expect(spans[1]).toMatchObject({ input_tokens: 2, output_tokens: 1, total_tokens: 3 });
  });
});
