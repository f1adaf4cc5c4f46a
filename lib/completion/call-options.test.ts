import { describe, expect, it } from "vitest";
import { mistralAdapter } from "@/lib/providers/mistral";
import { openaiAdapter } from "@/lib/providers/openai";
import type { LlmConfiguration, Message } from "@/lib/schema/completion-request";
import { buildCallOptions } from "./call-options";
import { CompletionError } from "./errors";

const MESSAGES: Message[] = [{ role: "user", content: "Hi" }];

function build(configuration: LlmConfiguration, adapter = openaiAdapter) {
  return buildCallOptions(configuration, MESSAGES, adapter);
}

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("buildCallOptions", () => {
  it("maps every sampling parameter to its AI SDK name", () => {
    const options = build({
      model_params: {
        temp: 0.2,
        top_p: 0.9,
        top_k: 40,
        max_length: 500,
        frequency_penalty: 0.5,
        presence_penalty: -0.5,
        stop: "END",
        seed: 7,
        reasoning_effort: "low",
      },
    });
    expect(options).toMatchObject({
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 500,
      frequencyPenalty: 0.5,
      presencePenalty: -0.5,
      stopSequences: ["END"],
      seed: 7,
      reasoning: "low",
    });
    expect(options.prompt).toEqual([{ role: "user", content: [{ type: "text", text: "Hi" }] }]);
  });

  it("keeps temp 0 (not dropped as falsy) and passes a stop list through", () => {
    const options = build({ model_params: { temp: 0, stop: ["a", "b"] } });
    expect(options.temperature).toBe(0);
    expect(options.stopSequences).toEqual(["a", "b"]);
  });

  it("leaves everything unset without model_params, and for nulls", () => {
    for (const configuration of [
      {},
      { model_params: null },
      { model_params: { temp: null, stop: null, response_format: null } },
    ]) {
      const options = build(configuration);
      expect(options.temperature).toBeUndefined();
      expect(options.topP).toBeUndefined();
      expect(options.maxOutputTokens).toBeUndefined();
      expect(options.stopSequences).toBeUndefined();
      expect(options.responseFormat).toBeUndefined();
      expect(options.tools).toBeUndefined();
      expect(options.toolChoice).toBeUndefined();
      expect(options.providerOptions).toBeUndefined();
    }
  });

  describe("response_format", () => {
    const withFormat = (response_format: unknown) =>
      build({ model_params: { response_format } } as LlmConfiguration).responseFormat;
    const schema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] };

    it("text → none, json_object → json", () => {
      expect(withFormat({ type: "text" })).toBeUndefined();
      expect(withFormat({ type: "json_object" })).toEqual({ type: "json" });
    });

    it("json_schema as OpenAI's object wrapper {name, schema}", () => {
      expect(
        withFormat({ type: "json_schema", json_schema: { name: "answer", description: "one", schema, strict: true } }),
      ).toEqual({ type: "json", schema, name: "answer", description: "one" });
    });

    it("json_schema as a bare schema", () => {
      expect(withFormat({ type: "json_schema", json_schema: schema })).toEqual({ type: "json", schema });
    });

    it("json_schema as a JSON string, wrapped or bare", () => {
      expect(withFormat({ type: "json_schema", json_schema: JSON.stringify({ name: "n", schema }) })).toEqual({
        type: "json",
        schema,
        name: "n",
        description: undefined,
      });
      expect(withFormat({ type: "json_schema", json_schema: JSON.stringify(schema) })).toEqual({
        type: "json",
        schema,
      });
    });

    it("json_schema missing → plain json", () => {
      expect(withFormat({ type: "json_schema" })).toEqual({ type: "json" });
    });

    it("invalid JSON string → 422 with the field's loc", () => {
      const error = thrown(() => withFormat({ type: "json_schema", json_schema: "{not json" }));
      expect(error).toBeInstanceOf(CompletionError);
      const completionError = error as CompletionError;
      expect(completionError.status).toBe(422);
      expect(completionError.type).toBe("validation_error");
      expect(completionError.extra.detail).toHaveLength(1);
      expect(completionError.extra.detail?.[0]?.loc).toEqual([
        "body",
        "llm_configuration",
        "model_params",
        "response_format",
        "json_schema",
      ]);
      expect(completionError.extra.detail?.[0]?.type).toBe("value_error.json");
    });
  });

  describe("functions", () => {
    const weather = {
      name: "get_weather",
      description: "Weather for a city.",
      parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
    };

    it("become function tools, parameters defaulting to an empty object schema", () => {
      const options = build({ functions: [weather, { name: "ping" }] });
      expect(options.tools).toEqual([
        { type: "function", name: "get_weather", description: "Weather for a city.", inputSchema: weather.parameters },
        { type: "function", name: "ping", description: undefined, inputSchema: { type: "object", properties: {} } },
      ]);
      expect(options.toolChoice).toBeUndefined();
    });

    it.each([
      ["auto", { type: "auto" }],
      ["none", { type: "none" }],
      ["required", { type: "required" }],
      [{ name: "get_weather" }, { type: "tool", toolName: "get_weather" }],
    ] as const)("function_call %j → toolChoice %j", (function_call, toolChoice) => {
      expect(build({ functions: [weather], function_call }).toolChoice).toEqual(toolChoice);
    });

    it("ignore function_call when there are no functions", () => {
      const options = build({ functions: [], function_call: "auto" });
      expect(options.tools).toBeUndefined();
      expect(options.toolChoice).toBeUndefined();
    });
  });

  describe("provider options", () => {
    it("mistral: safe_prompt → providerOptions.mistral.safePrompt", () => {
      expect(build({ model_params: { safe_prompt: true } }, mistralAdapter).providerOptions).toEqual({
        mistral: { safePrompt: true },
      });
      expect(build({ model_params: { safe_prompt: false } }, mistralAdapter).providerOptions).toEqual({
        mistral: { safePrompt: false },
      });
      expect(build({ model_params: {} }, mistralAdapter).providerOptions).toBeUndefined();
    });

    it("openai has no provider options, even with safe_prompt", () => {
      expect(build({ model_params: { safe_prompt: true } }).providerOptions).toBeUndefined();
    });
  });
});
