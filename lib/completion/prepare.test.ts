import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CompletionRequestInput } from "@/lib/schema/completion-request";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { CompletionError } from "./errors";
import { type PreparedRun, parseCompletionRequest, prepareRun } from "./prepare";

const ENV_NAMES = [
  "OPENAI_API_KEY",
  "ANTHROPIC_API_KEY",
  "OPENAI_COMPATIBLE_BASE_URL",
  "OPENAI_COMPATIBLE_API_KEY",
  "OPENAI_BASE_URL",
  "BASE_URL_ALLOW",
  "PLAYGROUND_BIND_HOST",
] as const;
const saved: Partial<Record<(typeof ENV_NAMES)[number], string>> = {};

beforeEach(() => {
  for (const name of ENV_NAMES) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
});

afterEach(() => {
  for (const name of ENV_NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const REQUEST_KEY = "sk-request-0123456789ab";

function prepare(body: CompletionRequestInput | Record<string, unknown>): Promise<PreparedRun> {
  return prepareRun(parseCompletionRequest(body), 0);
}

async function failure(run: () => Promise<unknown> | unknown): Promise<CompletionError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CompletionError) return error;
    throw error;
  }
  throw new Error("expected a CompletionError");
}

function withConfiguration(configuration: Record<string, unknown>, rest: Record<string, unknown> = {}) {
  return {
    provider_api_key: REQUEST_KEY,
    ...rest,
    llm_configuration: {
      provider: "openai",
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hi" }],
      ...configuration,
    },
  };
}

/** The text of the n-th prompt message's first part, as the provider will receive it. */
function promptText(run: PreparedRun, index: number): unknown {
  const message = run.callOptions.prompt[index];
  if (!message) return undefined;
  return typeof message.content === "string" ? message.content : (message.content[0] as { text?: string }).text;
}

describe("parseCompletionRequest", () => {
  it("returns the parsed request with defaults", () => {
    expect(parseCompletionRequest({}).project_name).toBe("default");
  });

  it("throws a 422 with FastAPI-style locs prefixed by body", async () => {
    const error = await failure(() =>
      parseCompletionRequest({ log_sample_rate: 1.5, llm_configuration: { messages: [{ role: "robot" }] } }),
    );
    expect(error.status).toBe(422);
    expect(error.type).toBe("validation_error");
    expect(error.extra.detail?.map((issue) => issue.loc)).toEqual([
      ["body", "llm_configuration", "messages", 0, "role"],
      ["body", "log_sample_rate"],
    ]);
    expect(error.toJSON().detail).toEqual(error.extra.detail);
  });
});

describe("prepareRun", () => {
  it("prepares the seed request, model taken from llm_configuration", async () => {
    const run = await prepare({ ...SEED_REQUEST, provider_api_key: REQUEST_KEY });
    expect(run.provider).toBe("openai");
    expect(run.adapter.id).toBe("openai");
    expect(run.modelId).toBe("gpt-4o-mini");
    expect(run.apiKey).toBe(REQUEST_KEY);
    expect(run.baseURL).toBeUndefined();
    expect(run.warnings).toEqual([]);
    expect(run.callOptions.temperature).toBe(0);
    expect(run.callOptions.maxOutputTokens).toBe(500);
    expect(run.callOptions.tools?.map((tool) => tool.name)).toEqual(["get_current_weather"]);
    expect(run.callOptions.toolChoice).toEqual({ type: "auto" });
  });

  it("falls back to model_params.model, as the seed's example also sends it", async () => {
    const run = await prepare(withConfiguration({ model: undefined, model_params: { model: "gpt-4.1" } }));
    expect(run.modelId).toBe("gpt-4.1");
  });

  it.each([
    [{ provider: undefined }, ["body", "llm_configuration", "provider"]],
    [{ model: undefined }, ["body", "llm_configuration", "model"]],
    [{ model: undefined, model_params: { model: "" } }, ["body", "llm_configuration", "model"]],
    [{ messages: undefined }, ["body", "llm_configuration", "messages"]],
    [{ messages: [], history: [] }, ["body", "llm_configuration", "messages"]],
  ])("rejects %j with a 422 at %j", async (configuration, loc) => {
    const error = await failure(() => prepare(withConfiguration(configuration)));
    expect(error.status).toBe(422);
    expect(error.type).toBe("validation_error");
    expect(error.extra.detail).toEqual([expect.objectContaining({ loc, type: "missing" })]);
  });

  it("names the supported providers when the provider is missing", async () => {
    const error = await failure(() => prepare(withConfiguration({ provider: undefined })));
    expect(error.extra.detail?.[0]?.msg).toContain("openai, azure, anthropic");
  });

  it("appends history after messages", async () => {
    const run = await prepare(
      withConfiguration({
        messages: [{ role: "system", content: "S" }],
        history: [{ role: "user", content: "U" }],
      }),
    );
    expect(run.messages).toEqual([
      { role: "system", content: "S" },
      { role: "user", content: "U" },
    ]);
  });

  it("fills templates from the legacy inputs and from llm_inputs, llm_inputs winning", async () => {
    const run = await prepare(
      withConfiguration(
        { messages: [{ role: "user", content: "{{city}} on {{day}} at {{hour}}" }] },
        { inputs: { city: "New York", day: "Monday" }, llm_inputs: { city: "Paris", hour: 9 } },
      ),
    );
    expect(run.messages[0]?.content).toBe("Paris on Monday at 9");
    expect(promptText(run, 0)).toBe("Paris on Monday at 9");
    expect(run.warnings).toEqual([]);
  });

  it("fills the seed's `inputs` alone", async () => {
    const run = await prepare(
      withConfiguration(
        { messages: [{ role: "user", content: "Weather in {{city}}?" }] },
        { inputs: { city: "Oslo" } },
      ),
    );
    expect(promptText(run, 0)).toBe("Weather in Oslo?");
  });

  it("warns about an unknown template variable and leaves it as written", async () => {
    const run = await prepare(
      withConfiguration(
        { messages: [{ role: "user", content: "{{known}} {{missing}}" }] },
        { llm_inputs: { known: "K" } },
      ),
    );
    expect(promptText(run, 0)).toBe("K {{missing}}");
    expect(run.warnings).toEqual(["template variable {{missing}} has no value in llm_inputs; left as written"]);
  });

  it("refuses openai without a key with 401 missing_api_key naming OPENAI_API_KEY and no key", async () => {
    process.env.ANTHROPIC_API_KEY = "sk-ant-api03-neverShown";
    const error = await failure(() => prepare(withConfiguration({}, { provider_api_key: undefined })));
    expect(error.status).toBe(401);
    expect(error.type).toBe("missing_api_key");
    expect(error.extra.provider).toBe("openai");
    expect(error.message).toContain("OPENAI_API_KEY");
    expect(error.message).toContain("provider_api_key");
    expect(error.message).not.toContain("neverShownAnywhere");
    expect(error.message).not.toMatch(/sk-/);
  });

  it("treats an empty provider_api_key as absent", async () => {
    const error = await failure(() => prepare(withConfiguration({}, { provider_api_key: "" })));
    expect(error.type).toBe("missing_api_key");
    process.env.OPENAI_API_KEY = "sk-env-0123456789";
    expect((await prepare(withConfiguration({}, { provider_api_key: "" }))).apiKey).toBe("sk-env-0123456789");
  });

  it("uses the env key when the request has none, and provider_api_key over the env", async () => {
    process.env.OPENAI_API_KEY = "sk-env-0123456789";
    expect((await prepare(withConfiguration({}, { provider_api_key: undefined }))).apiKey).toBe("sk-env-0123456789");
    expect((await prepare(withConfiguration({}))).apiKey).toBe(REQUEST_KEY);
  });

  it("does not require a key for a provider that needs none", async () => {
    process.env.OPENAI_COMPATIBLE_BASE_URL = "http://127.0.0.1:11434/v1";
    const run = await prepare(
      withConfiguration({ provider: "openai-compatible", model: "llama3" }, { provider_api_key: undefined }),
    );
    expect(run.apiKey).toBeUndefined();
    expect(run.baseURL).toBeUndefined();
  });

  it("asks for a base_url when openai-compatible has none from the request or the env", async () => {
    const error = await failure(() => prepare(withConfiguration({ provider: "openai-compatible", model: "llama3" })));
    expect(error.status).toBe(422);
    expect(error.extra.detail?.[0]?.loc).toEqual(["body", "llm_configuration", "base_url"]);
  });

  it("names the run by trace_id, else inference_id, else a fresh uuid", async () => {
    expect((await prepare(withConfiguration({}, { trace_id: "t-1", inference_id: "i-1" }))).traceId).toBe("t-1");
    expect((await prepare(withConfiguration({}, { inference_id: "i-1" }))).traceId).toBe("i-1");
    const first = (await prepare(withConfiguration({}))).traceId;
    const second = (await prepare(withConfiguration({}, { trace_id: "" }))).traceId;
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).toMatch(/^[0-9a-f]{8}-/);
    expect(second).not.toBe(first);
  });

  it("refuses a base_url on a private address under policy public with 403 forbidden_base_url", async () => {
    process.env.BASE_URL_ALLOW = "public";
    const error = await failure(() => prepare(withConfiguration({ base_url: "http://10.0.0.1:8000/v1" })));
    expect(error.status).toBe(403);
    expect(error.type).toBe("forbidden_base_url");
    expect(error.message).toContain("10.0.0.1");
  });

  it("passes an allowed base_url through", async () => {
    process.env.BASE_URL_ALLOW = "private";
    const run = await prepare(withConfiguration({ base_url: "http://10.0.0.1:8000/v1" }));
    expect(run.baseURL).toBe("http://10.0.0.1:8000/v1");
  });

  it("records when the request arrived", async () => {
    const before = Date.now();
    const run = await prepareRun(parseCompletionRequest(withConfiguration({})), 123.5);
    expect(run.startedAt).toBe(123.5);
    expect(run.startTimestamp.getTime()).toBeGreaterThanOrEqual(before);
    expect(run.request.provider_api_key).toBe(REQUEST_KEY);
  });

  describe("keys and base URLs (issue 9 point 1)", () => {
    const HOSTILE = "http://127.0.0.1:9/v1";
    const savedKeys = (keys: Record<string, string>) => async (provider: string, baseUrl?: string) =>
      keys[`${provider} ${baseUrl ?? ""}`];

    beforeEach(() => {
      process.env.BASE_URL_ALLOW = "loopback";
      process.env.OPENAI_API_KEY = "sk-env-operator-0123";
    });

    it("never pairs the env key with a base URL the request chose: 401 that says why", async () => {
      const error = await failure(() => prepare(withConfiguration({ base_url: HOSTILE }, { provider_api_key: null })));
      expect(error.status).toBe(401);
      expect(error.type).toBe("missing_api_key");
      expect(error.message).toContain("is not sent to a base URL the request chose");
      expect(error.message).toContain("127.0.0.1:9");
      expect(error.message).not.toContain("sk-env");
    });

    it("never pairs an unscoped saved key with a base URL the request chose", async () => {
      const savedKey = savedKeys({ "openai ": "sk-saved-unscoped-0001" });
      const request = parseCompletionRequest(withConfiguration({ base_url: HOSTILE }, { provider_api_key: null }));
      const error = await failure(() => prepareRun(request, 0, { savedKey }));
      expect(error.type).toBe("missing_api_key");
    });

    it("sends the request's own key, or the key saved for exactly that base URL", async () => {
      expect((await prepare(withConfiguration({ base_url: HOSTILE }))).apiKey).toBe(REQUEST_KEY);
      const savedKey = savedKeys({ [`openai ${HOSTILE}`]: "sk-saved-scoped-0002" });
      const request = parseCompletionRequest(
        withConfiguration({ base_url: `${HOSTILE}/` }, { provider_api_key: null }),
      );
      const run = await prepareRun(request, 0, { savedKey });
      expect(run.apiKey).toBe("sk-saved-scoped-0002");
      expect(run.baseURL).toBe(HOSTILE);
    });

    it("treats the operator's own base URL as the operator's: env key, no override", async () => {
      process.env.OPENAI_BASE_URL = "http://127.0.0.1:4100/v1";
      const run = await prepare(
        withConfiguration({ base_url: "http://127.0.0.1:4100/v1/" }, { provider_api_key: null }),
      );
      expect(run.apiKey).toBe("sk-env-operator-0123");
      expect(run.baseURL).toBeUndefined();
    });

    it.each(["vertexai", "aws_bedrock"])(
      "%s: the operator's ambient credentials never sign for a chosen base URL (401 without a key)",
      async (provider) => {
        const model = provider === "vertexai" ? "gemini-2.5-flash" : "amazon.nova-pro-v1:0";
        const error = await failure(() =>
          prepare(withConfiguration({ provider, model, base_url: HOSTILE }, { provider_api_key: null })),
        );
        expect(error.status).toBe(401);
        expect(error.message).toContain("is not sent to a base URL the request chose");
        expect((await prepare(withConfiguration({ provider, model, base_url: HOSTILE }))).apiKey).toBe(REQUEST_KEY);
      },
    );

    it("sends no env key to a chosen base URL of a provider that needs no key", async () => {
      process.env.OPENAI_COMPATIBLE_API_KEY = "sk-env-compatible-0003";
      const run = await prepare(
        withConfiguration(
          { provider: "openai-compatible", model: "llama3", base_url: HOSTILE },
          { provider_api_key: null },
        ),
      );
      expect(run.apiKey).toBeUndefined();
      expect(run.baseURL).toBe(HOSTILE);
    });
  });

  describe("model ids (issue 9 point 9)", () => {
    it.each([
      ["azure", "../../admin/x?"],
      ["azure", "gpt-4o/../../admin"],
      ["vertexai", "gemini-2.5-flash:streamGenerateContent?alt=sse#"],
      ["vertexai", "..%2f..%2fadmin"],
      ["vertexai", "publishers/evil/models/x"],
      ["openai", "../../admin/x?"],
      ["openai", "gpt 4o"],
      ["openrouter", "vendor/../model"],
      ["openrouter", "vendor/%2e%2e/model"],
    ])("%s refuses %j with 422 at llm_configuration.model", async (provider, model) => {
      const error = await failure(() => prepare(withConfiguration({ provider, model })));
      expect(error.status).toBe(422);
      expect(error.extra.detail?.[0]?.loc).toEqual(["body", "llm_configuration", "model"]);
    });

    it("checks fallback models too", async () => {
      const error = await failure(() => prepare(withConfiguration({}, { fallback_strategy: ["gpt-4o", "../x"] })));
      expect(error.extra.detail?.[0]?.loc).toEqual(["body", "fallback_strategy", 1]);
    });

    it.each([
      ["openrouter", "meta-llama/llama-3.1-8b-instruct"],
      ["fireworks", "accounts/fireworks/models/llama-v3p1-8b-instruct"],
      ["aws_bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0"],
      ["vertexai", "gemini-2.5-flash@001"],
      ["azure", "my-gpt-4o_deployment.2"],
    ])("%s accepts %s", async (provider, model) => {
      expect((await prepare(withConfiguration({ provider, model }))).modelId).toBe(model);
    });
  });
});
