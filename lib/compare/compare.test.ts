import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultDraft } from "@/lib/client/draft";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { decodeComparisonFragment, encodeComparisonFragment } from "./compare-link";
import { CompareRunStore } from "./compare-run-store";
import { type CompareColumn, columnRequest, initialCompareState, setSync } from "./compare-state";
import { createLimiter } from "./concurrency";
import { diffOutputs, jsonDiff, parseJsonOutput } from "./output-diff";
import { distinctOutputs, spreadOf } from "./run-stats";

describe("compare state", () => {
  it("starts with two columns on the draft's model, messages/functions/inputs shared, params their own", () => {
    const state = initialCompareState(SEED_REQUEST);
    expect(state.columns).toHaveLength(2);
    const [first] = state.columns;
    expect(first).toMatchObject({ provider: "openai", model: "gpt-4o-mini", repeat: 1 });
    expect(first?.sync).toEqual({ messages: true, functions: true, inputs: true, params: false });
    expect(state.baseline).toBe(first?.id);
  });

  it("builds each column's request from the shared one and its own parts", () => {
    const state = initialCompareState(SEED_REQUEST);
    let column: CompareColumn = { ...(state.columns[0] as CompareColumn), provider: "anthropic" };
    column = { ...column, model: "claude-x", own: { ...column.own, model_params: { temp: 0.7 } } };
    expect(columnRequest(SEED_REQUEST, column).llm_configuration).toMatchObject({
      provider: "anthropic",
      model: "claude-x",
      messages: SEED_REQUEST.llm_configuration.messages,
      functions: SEED_REQUEST.llm_configuration.functions,
      model_params: { temp: 0.7 },
    });
    // Diverging copies the shared value, then the column edits its own copy.
    column = setSync(column, "messages", false, SEED_REQUEST);
    expect(column.own?.messages).toEqual(SEED_REQUEST.llm_configuration.messages);
    column = { ...column, own: { ...column.own, messages: [{ role: "user", content: "Mine" }] } };
    column = setSync(column, "inputs", false, SEED_REQUEST);
    column = { ...column, own: { ...column.own, llm_inputs: { city: "Oslo" } } };
    const request = columnRequest(SEED_REQUEST, column);
    expect(request.llm_configuration?.messages).toEqual([{ role: "user", content: "Mine" }]);
    expect(request.llm_inputs).toEqual({ city: "Oslo" });
    expect(request).not.toHaveProperty("inputs");
    // Repeats turn the cache off, or every repeat would be the same cached answer.
    expect(columnRequest(SEED_REQUEST, { ...column, repeat: 3 }).cache).toBe(false);
  });

  it("round-trips a whole comparison through a link, keys stripped, tampering caught", () => {
    const state = initialCompareState({ ...defaultDraft(), provider_api_key: "sk-nope" } as never);
    const { fragment } = encodeComparisonFragment(state);
    expect(fragment).toMatch(/^c1=/);
    const decoded = decodeComparisonFragment(fragment);
    expect(decoded.ok).toBe(true);
    expect(decoded.ok && decoded.value.columns).toEqual(state.columns);
    expect(decoded.ok && decoded.value.base).toEqual(defaultDraft());
    expect(decodeComparisonFragment(fragment.slice(0, -5)).ok).toBe(false);
    expect(decodeComparisonFragment(`c1=${fragment.slice(3).replace(/A/, "B")}`).ok).toBe(false);
  });
});

describe("the concurrency limit", () => {
  it("runs at most N at once, in order, and drops a queued task whose signal aborts", async () => {
    const limiter = createLimiter(2);
    const started: number[] = [];
    const gates: (() => void)[] = [];
    const task = (id: number) => () => {
      started.push(id);
      return new Promise<number>((resolve) => gates.push(() => resolve(id)));
    };
    const controller = new AbortController();
    const results = [1, 2, 3].map((id) => limiter.run(task(id)));
    const dropped = limiter.run(task(4), controller.signal);
    expect(started).toEqual([1, 2]);
    expect(limiter.queued).toBe(2);
    controller.abort();
    await expect(dropped).rejects.toMatchObject({ name: "AbortError" });
    gates[0]?.();
    await results[0];
    await Promise.resolve();
    expect(started).toEqual([1, 2, 3]);
    for (const gate of gates.slice(1)) gate();
    expect(await Promise.all(results)).toEqual([1, 2, 3]);
    expect(limiter.active).toBe(0);
  });
});

describe("the compare run store", () => {
  beforeEach(() => {
    vi.stubGlobal("requestAnimationFrame", (callback: () => void) => setTimeout(callback, 0) as unknown as number);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("streams repeats through the limiter, publishes per column, reports each settled sample", async () => {
    const settled: string[] = [];
    let calls = 0;
    const stream = vi.fn(async (_body: unknown, _options: unknown, handlers: { onText(text: string): void }) => {
      const n = ++calls;
      handlers.onText("Hello ");
      handlers.onText(`#${n}`);
      return { content: `Hello #${n}`, latency: n, output_tokens: 2, time_to_first_token: 0.1 } as never;
    });
    const store = new CompareRunStore(createLimiter(2), stream as never, (sample) =>
      settled.push(sample.snapshot.text),
    );
    const seen: string[] = [];
    store.subscribe("a", () => seen.push(store.get("a").status));
    await store.run("a", { llm_configuration: {} }, { repeat: 3 });
    const runs = store.get("a");
    expect(runs.status).toBe("done");
    expect(runs.samples.map((sample) => sample.text)).toEqual(["Hello #1", "Hello #2", "Hello #3"]);
    expect(settled).toHaveLength(3);
    expect(seen[0]).toBe("running");
    expect(spreadOf(runs.samples, "latency")).toEqual({ mean: 2, min: 1, max: 3, count: 3 });
    expect(distinctOutputs(runs.samples)).toHaveLength(3);
  });

  it("stops one column without touching another", async () => {
    const stream = (_body: unknown, options: { signal: AbortSignal }) =>
      new Promise((_resolve, reject) =>
        options.signal.addEventListener("abort", () => reject(new DOMException("stop", "AbortError"))),
      );
    const store = new CompareRunStore(createLimiter(8), stream as never);
    const a = store.run("a", {});
    void store.run("b", {});
    store.stop("a");
    await a;
    expect(store.get("a").status).toBe("stopped");
    expect(store.get("b").status).toBe("running");
    store.stopAll();
  });
});

describe("output diffs", () => {
  it("diffs words, and JSON by path", () => {
    const words = diffOutputs("The quick brown fox", "The slow brown fox");
    expect(words.kind).toBe("words");
    expect(words.kind === "words" && words.changes.filter((change) => change.added || change.removed)).toEqual([
      { value: "quick", removed: true, added: false },
      { value: "slow", added: true, removed: false },
    ]);
    expect(parseJsonOutput('```json\n{"a": 1}\n```')).toEqual({ a: 1 });
    expect(jsonDiff({ a: 1, b: [1, 2], c: { d: true } }, { a: 2, b: [1], e: null, c: { d: true } })).toEqual([
      { path: "$.a", kind: "changed", before: 1, after: 2 },
      { path: "$.b[1]", kind: "removed", before: 2 },
      { path: "$.e", kind: "added", after: null },
    ]);
    expect(diffOutputs('{"x": 1}', '{"x": 1}')).toEqual({ kind: "json", changes: [] });
  });
});
