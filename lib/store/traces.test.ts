import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CompletionResponseBody } from "@/lib/completion/response";
import { completionRequestSchema } from "@/lib/schema/completion-request";
import { loggableRequest, omitFlags, toLogEntry } from "./log-entry";
import { normaliseTraceIds, shouldKeep } from "./traces";

describe("normaliseTraceIds", () => {
  it("reads Parea's top-level conventions as no parent", () => {
    expect(normaliseTraceIds({ root_trace_id: "", parent_trace_id: "t" }, "t")).toEqual({
      traceId: "t",
      parentTraceId: null,
      rootTraceId: "t",
    });
    expect(normaliseTraceIds({}, "t")).toEqual({ traceId: "t", parentTraceId: null, rootTraceId: "t" });
    expect(normaliseTraceIds({ root_trace_id: "t", parent_trace_id: null }, "t").parentTraceId).toBeNull();
  });

  it("nests children under their parent and root", () => {
    expect(normaliseTraceIds({ root_trace_id: "r", parent_trace_id: "p" }, "c")).toEqual({
      traceId: "c",
      parentTraceId: "p",
      rootTraceId: "r",
    });
    expect(normaliseTraceIds({ root_trace_id: "", parent_trace_id: "p" }, "c")).toEqual({
      traceId: "c",
      parentTraceId: "p",
      rootTraceId: "p",
    });
    expect(normaliseTraceIds({ root_trace_id: "r" }, "c").parentTraceId).toBe("r");
  });
});

describe("shouldKeep", () => {
  it("keeps all at 1 (or unset), none at 0", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (trace, root) => {
        expect(shouldKeep(trace, root, 1)).toBe(true);
        expect(shouldKeep(trace, root, null)).toBe(true);
        expect(shouldKeep(trace, root, 0)).toBe(false);
      }),
    );
  });

  it("gives every log of a trace its root's draw, and is monotonic in the rate", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.double({ min: 0, max: 1, noNaN: true }), (root, child, rate) => {
        expect(shouldKeep(child, root, rate)).toBe(shouldKeep(root, root, rate));
        expect(shouldKeep(root, "", rate)).toBe(shouldKeep(root, root, rate));
        if (shouldKeep(root, root, rate)) expect(shouldKeep(root, root, Math.min(1, rate + 0.1))).toBe(true);
      }),
    );
  });

  it("keeps about the rate's share of traces", () => {
    const kept = Array.from({ length: 10_000 }, (_, index) => shouldKeep(`t${index}`, null, 0.3)).filter(Boolean);
    expect(kept.length).toBeGreaterThan(2800);
    expect(kept.length).toBeLessThan(3200);
  });
});

describe("toLogEntry", () => {
  const request = completionRequestSchema.parse({
    llm_configuration: {
      provider: "openai",
      model: "m",
      model_params: { temp: 0 },
      messages: [{ role: "user", content: "hi" }],
      history: [{ role: "assistant", content: "earlier" }],
      functions: [{ name: "f" }],
      function_call: "auto",
    },
    llm_inputs: { secret: 1 },
    provider_api_key: "sk-xyz",
    name: "legacy label",
    root_trace_id: "",
    parent_trace_id: "t",
  });
  const response = { trace_id: "t", content: "out", provider: "openai", model: "m-2025" } as CompletionResponseBody;

  it("derives omit flags from log_omit*", () => {
    expect(omitFlags({ log_omit: true, log_omit_inputs: false, log_omit_outputs: false })).toEqual({
      omitInputs: true,
      omitOutputs: true,
    });
    expect(omitFlags({ log_omit: false, log_omit_inputs: false, log_omit_outputs: true })).toEqual({
      omitInputs: false,
      omitOutputs: true,
    });
  });

  it("never logs the provider key, and omits inputs and outputs exactly", () => {
    const full = toLogEntry(request, response);
    expect(full.request).not.toHaveProperty("provider_api_key");
    expect(full.output).toBe("out");
    expect(full).toMatchObject({
      trace_id: "t",
      parent_trace_id: null,
      root_trace_id: "t",
      trace_name: "legacy label",
    });
    expect(full.model).toBe("m-2025");
    const omitted = toLogEntry(request, response, { omitInputs: true, omitOutputs: true });
    expect(omitted.output).toBeNull();
    expect(omitted.request).toEqual(loggableRequest(request, true));
    expect(omitted.request?.llm_configuration).toEqual({ provider: "openai", model: "m" });
    expect(omitted.request).not.toHaveProperty("llm_inputs");
    const { llm_configuration: _a, llm_inputs: _b, ...restFull } = full.request!;
    const { llm_configuration: _c, ...restOmitted } = omitted.request!;
    expect(restOmitted).toEqual(restFull);
  });
});
