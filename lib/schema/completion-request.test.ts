import { describe, expect, it } from "vitest";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { completionRequestSchema } from "./completion-request";
import { PROVIDER_IDS } from "./providers";

function issuesOf(body: unknown) {
  const result = completionRequestSchema.safeParse(body);
  if (result.success) throw new Error("expected the body to be rejected");
  return result.error.issues;
}

describe("completionRequestSchema", () => {
  it("fills every seed default on an empty body", () => {
    const parsed = completionRequestSchema.parse({});
    expect(parsed).toEqual({
      llm_configuration: {},
      project_name: "default",
      cache: true,
      log_omit_inputs: false,
      log_omit_outputs: false,
      log_omit: false,
      log_sample_rate: 1,
      retry: false,
      stream: false,
    });
  });

  it("keeps given values over defaults", () => {
    const parsed = completionRequestSchema.parse({
      project_name: "mine",
      cache: false,
      log_omit: true,
      log_sample_rate: 0,
      retry: true,
      stream: true,
    });
    expect(parsed).toMatchObject({
      project_name: "mine",
      cache: false,
      log_omit: true,
      log_sample_rate: 0,
      retry: true,
      stream: true,
    });
  });

  it("parses the seed body, keeping its legacy inputs and model_params.model", () => {
    const parsed = completionRequestSchema.parse(SEED_REQUEST);
    expect(parsed.inputs).toEqual({ city: "New York" });
    expect(parsed.llm_configuration.provider).toBe("openai");
    expect(parsed.llm_configuration.model).toBe("gpt-4o-mini");
    expect(parsed.llm_configuration.model_params).toEqual({ max_length: 500, model: "gpt-4o-mini", temp: 0 });
    expect(parsed.llm_configuration.function_call).toBe("auto");
    expect(parsed.llm_configuration.functions?.[0]?.name).toBe("get_current_weather");
    expect(parsed.llm_configuration.messages).toEqual([{ role: "user", content: "What is the weather in New York" }]);
    expect(parsed.tags).toEqual(["weather", "forecast"]);
    expect(parsed.project_name).toBe("default");
  });

  it("keeps unknown keys at every level (loose objects)", () => {
    const parsed = completionRequestSchema.parse({
      future_field: { a: 1 },
      llm_configuration: {
        extra: "x",
        model_params: { model: "m", logit_bias: { "1": 2 } },
        messages: [{ role: "tool", content: "r", name: "lookup" }],
        functions: [{ name: "f", strict: true }],
      },
    });
    expect((parsed as Record<string, unknown>).future_field).toEqual({ a: 1 });
    expect((parsed.llm_configuration as Record<string, unknown>).extra).toBe("x");
    expect(parsed.llm_configuration.model_params).toEqual({ model: "m", logit_bias: { "1": 2 } });
    expect(parsed.llm_configuration.messages?.[0]).toEqual({ role: "tool", content: "r", name: "lookup" });
    expect(parsed.llm_configuration.functions?.[0]).toEqual({ name: "f", strict: true });
  });

  it("defaults a message's missing content to an empty string", () => {
    const parsed = completionRequestSchema.parse({ llm_configuration: { messages: [{ role: "user" }] } });
    expect(parsed.llm_configuration.messages).toEqual([{ role: "user", content: "" }]);
  });

  it("reports a string temperature at llm_configuration.model_params.temp", () => {
    const issues = issuesOf({ llm_configuration: { model_params: { temp: "0.5" } } });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(["llm_configuration", "model_params", "temp"]);
    expect(issues[0]?.code).toBe("invalid_type");
  });

  it("rejects log_sample_rate above 1 at its path, and accepts both bounds", () => {
    const issues = issuesOf({ log_sample_rate: 1.5 });
    expect(issues.map((issue) => issue.path)).toEqual([["log_sample_rate"]]);
    expect(issues[0]?.code).toBe("too_big");
    expect(issuesOf({ log_sample_rate: -0.1 })[0]?.code).toBe("too_small");
    expect(completionRequestSchema.parse({ log_sample_rate: 0 }).log_sample_rate).toBe(0);
    expect(completionRequestSchema.parse({ log_sample_rate: 1 }).log_sample_rate).toBe(1);
  });

  it("rejects an unknown role at messages[i].role", () => {
    const issues = issuesOf({
      llm_configuration: {
        messages: [
          { role: "user", content: "a" },
          { role: "robot", content: "b" },
        ],
      },
    });
    expect(issues.map((issue) => issue.path)).toEqual([["llm_configuration", "messages", 1, "role"]]);
    expect(issues[0]?.code).toBe("invalid_value");
  });

  it("accepts every Parea role", () => {
    const roles = ["system", "user", "assistant", "example_user", "example_assistant", "tool", "function"];
    const parsed = completionRequestSchema.parse({
      llm_configuration: { messages: roles.map((role) => ({ role, content: role })) },
    });
    expect(parsed.llm_configuration.messages?.map((message) => message.role)).toEqual(roles);
  });

  it("rejects a non-string content", () => {
    const issues = issuesOf({ llm_configuration: { messages: [{ role: "user", content: [{ type: "text" }] }] } });
    expect(issues[0]?.path).toEqual(["llm_configuration", "messages", 0, "content"]);
  });

  it("names every supported provider when the provider is unknown", () => {
    const issues = issuesOf({ llm_configuration: { provider: "openia" } });
    expect(issues[0]?.path).toEqual(["llm_configuration", "provider"]);
    expect(issues[0]?.message).toBe(`unknown provider; supported: ${PROVIDER_IDS.join(", ")}`);
    for (const provider of ["openai", "anthropic", "mistral", "openai-compatible", "local"]) {
      expect(issues[0]?.message).toContain(provider);
    }
  });

  it("reports several wrong fields at once, each at its own path", () => {
    const issues = issuesOf({ cache: "yes", tags: "a", llm_configuration: { model_params: { max_length: 0 } } });
    expect(issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining([["cache"], ["tags"], ["llm_configuration", "model_params", "max_length"]]),
    );
    expect(issues).toHaveLength(3);
  });

  it.each(["auto", "none", "required"] as const)("accepts function_call %j", (value) => {
    expect(completionRequestSchema.parse({ llm_configuration: { function_call: value } }).llm_configuration).toEqual({
      function_call: value,
    });
  });

  it("accepts function_call {name} and rejects other forms", () => {
    expect(
      completionRequestSchema.parse({ llm_configuration: { function_call: { name: "get_weather" } } }).llm_configuration
        .function_call,
    ).toEqual({ name: "get_weather" });
    expect(issuesOf({ llm_configuration: { function_call: "always" } })[0]?.path).toEqual([
      "llm_configuration",
      "function_call",
    ]);
    expect(issuesOf({ llm_configuration: { function_call: { name: "" } } })[0]?.path[0]).toBe("llm_configuration");
    expect(issuesOf({ llm_configuration: { function_call: 3 } })).toHaveLength(1);
  });

  it("rejects a function name with spaces at functions[i].name", () => {
    const issues = issuesOf({ llm_configuration: { functions: [{ name: "get weather" }] } });
    expect(issues[0]?.path).toEqual(["llm_configuration", "functions", 0, "name"]);
    expect(issues[0]?.message).toBe("letters, digits, _ and - only");
  });

  it("accepts response_format json_schema as object or string, and only http(s) base URLs", () => {
    const schema = { name: "x", schema: { type: "object" } };
    for (const json_schema of [schema, JSON.stringify(schema)]) {
      const parsed = completionRequestSchema.parse({
        llm_configuration: { model_params: { response_format: { type: "json_schema", json_schema } } },
      });
      expect(parsed.llm_configuration.model_params?.response_format?.json_schema).toEqual(json_schema);
    }
    expect(
      completionRequestSchema.parse({ llm_configuration: { base_url: "http://localhost:11434/v1" } }).llm_configuration
        .base_url,
    ).toBe("http://localhost:11434/v1");
    expect(issuesOf({ llm_configuration: { base_url: "file:///etc/passwd" } })[0]?.path).toEqual([
      "llm_configuration",
      "base_url",
    ]);
  });

  it("accepts null for nullable fields without applying a default to them", () => {
    const parsed = completionRequestSchema.parse({ trace_id: null, llm_configuration: { model_params: null } });
    expect(parsed.trace_id).toBeNull();
    expect(parsed.llm_configuration.model_params).toBeNull();
  });

  const ID_FIELDS = [
    "trace_id",
    "parent_trace_id",
    "root_trace_id",
    "inference_id",
    "deployment_id",
    "experiment_uuid",
    "project_uuid",
  ] as const;

  it.each(ID_FIELDS)("accepts UUIDs, deployment ids, SDK ids and an empty %s", (field) => {
    for (const id of ["3f0c9a4e-1b2c-4d5e-8f90-123456789abc", "p-V1StGXR8_Z5jdHi6B-myT", "run:1.2_x", ""]) {
      expect(completionRequestSchema.parse({ [field]: id })[field]).toBe(id);
    }
  });

  it.each(ID_FIELDS)("rejects CR/LF, control, non-ASCII and over-long values of %s at its path", (field) => {
    for (const id of ["a\r\n[run] forged", "tab\there", "caf\u00e9", "\u202eevil", "a b", "x".repeat(129)]) {
      const issues = issuesOf({ [field]: id });
      expect(issues[0]?.path).toEqual([field]);
    }
    expect(issuesOf({ [field]: "a\nb" })[0]?.message).toBe("letters, digits, '.', '_', ':' and '-' only");
    expect(issuesOf({ [field]: "x".repeat(129) })[0]?.message).toBe("at most 128 characters");
  });
});

describe("caps on calls made with someone's key (issue 9, point 12)", () => {
  it("takes at most 5 fallback models and 20 eval metric ids", () => {
    expect(completionRequestSchema.safeParse({ fallback_strategy: ["a", "b", "c", "d", "e"] }).success).toBe(true);
    expect(issuesOf({ fallback_strategy: ["a", "b", "c", "d", "e", "f"] })).toMatchObject([
      { path: ["fallback_strategy"], message: "at most 5 fallback models" },
    ]);
    expect(issuesOf({ fallback_strategy: [""] })).toMatchObject([{ path: ["fallback_strategy", 0] }]);
    expect(completionRequestSchema.safeParse({ eval_metric_ids: Array(20).fill(1) }).success).toBe(true);
    expect(issuesOf({ eval_metric_ids: Array(21).fill(1) })).toMatchObject([
      { path: ["eval_metric_ids"], message: "at most 20 eval metric ids" },
    ]);
  });
});
