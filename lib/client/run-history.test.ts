import { describe, expect, it } from "vitest";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { entrySnapshot, historyEntry, searchRuns } from "./run-history";

const DONE = {
  status: "done" as const,
  text: "Sunny in New York",
  toolCalls: [],
  provider: "openai",
  model: "gpt-4o-mini",
};

describe("the run history", () => {
  it("keeps the request without its key, and the output", () => {
    const entry = historyEntry({ ...SEED_REQUEST, provider_api_key: "sk-kept-nowhere" }, DONE);
    expect(entry.request).not.toHaveProperty("provider_api_key");
    expect(JSON.stringify(entry)).not.toContain("sk-kept-nowhere");
    expect(entry).toMatchObject({
      status: "done",
      text: "Sunny in New York",
      model: "gpt-4o-mini",
      source: "playground",
    });
    expect(entrySnapshot(entry)).toMatchObject({ status: "done", text: "Sunny in New York", provider: "openai" });
  });

  it("finds runs by every word of the query, in the model, messages, output or tags", () => {
    const entries = [
      historyEntry(SEED_REQUEST, DONE),
      historyEntry(
        { llm_configuration: { messages: [{ role: "user", content: "Paris" }] } },
        { ...DONE, text: "Rainy", model: "claude-x" },
      ),
    ];
    expect(searchRuns(entries, "")).toHaveLength(2);
    expect(searchRuns(entries, "weather forecast").map((entry) => entry.text)).toEqual(["Sunny in New York"]);
    expect(searchRuns(entries, "CLAUDE rainy").map((entry) => entry.text)).toEqual(["Rainy"]);
    expect(searchRuns(entries, "paris sunny")).toEqual([]);
  });
});
