import { expect, test } from "@playwright/test";
import {
  anthropicBody,
  COMPLETION_PATH,
  lastUpstreamRequest,
  MARKER_KEY,
  openaiBody,
  parseStream,
  postRaw,
  STREAM_PATH,
  upstreamRequests,
} from "./support";

test.describe("errors before the stream: an HTTP status and a JSON body", () => {
  test("malformed JSON is a 400 that says so", async ({ baseURL }) => {
    const raw = await postRaw(baseURL!, STREAM_PATH, '{"llm_configuration": {');
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.text).error).toMatchObject({
      type: "invalid_request",
      message: expect.stringMatching(/^Malformed JSON/),
    });
  });

  test("a wrong content type is a 415", async ({ request }) => {
    const response = await request.post(STREAM_PATH, { headers: { "content-type": "text/plain" }, data: "{}" });
    expect(response.status()).toBe(415);
    expect((await response.json()).error.message).toContain("application/json");
  });

  test("an oversized body is a 413", async ({ baseURL }) => {
    const big = openaiBody("gpt-4o-mini", {}, { messages: [{ role: "user", content: "x".repeat(5 * 1024 * 1024) }] });
    const raw = await postRaw(baseURL!, STREAM_PATH, big);
    expect(raw.status).toBe(413);
    expect(JSON.parse(raw.text).error.message).toContain("MAX_BODY_BYTES");
  });

  test("wrong types are a 422 with every failing field path", async ({ request }) => {
    const response = await request.post(STREAM_PATH, {
      data: {
        log_sample_rate: 2,
        tags: "weather",
        llm_configuration: {
          provider: "openai",
          model: "gpt-4o-mini",
          messages: [{ role: "robot", content: "hi" }],
          model_params: { temp: "hot" },
        },
      },
    });
    expect(response.status()).toBe(422);
    const locs = (await response.json()).detail.map((issue: { loc: string[] }) => issue.loc.join("."));
    expect(locs).toEqual(
      expect.arrayContaining([
        "body.log_sample_rate",
        "body.tags",
        "body.llm_configuration.messages.0.role",
        "body.llm_configuration.model_params.temp",
      ]),
    );
  });

  test("an unknown provider is a 422 that lists the supported ones", async ({ request }) => {
    const response = await request.post(STREAM_PATH, { data: openaiBody("m", {}, { provider: "skynet" }) });
    expect(response.status()).toBe(422);
    const [issue] = (await response.json()).detail;
    expect(issue.loc).toEqual(["body", "llm_configuration", "provider"]);
    expect(issue.msg).toContain("openai, azure, anthropic");
  });

  test("no key anywhere is a 401 naming the provider and its env var", async ({ request }) => {
    const body = openaiBody("gpt-4o-mini");
    delete (body as { provider_api_key?: string }).provider_api_key;
    const response = await request.post(STREAM_PATH, { data: body });
    expect(response.status()).toBe(401);
    const { error } = await response.json();
    expect(error).toMatchObject({ type: "missing_api_key", provider: "openai" });
    expect(error.message).toContain("OPENAI_API_KEY");
  });

  const upstreamErrors: [string, number, string, RegExp][] = [
    ["error-403", 403, "permission_denied", /denied access \(403\)/],
    ["model-not-found", 404, "model_not_found", /no model "model-not-found"/],
    ["error-429", 429, "rate_limited", /rate limit reached \(429\)/],
    ["error-500", 502, "upstream_error", /failed \(500\)/],
  ];
  for (const [model, status, type, message] of upstreamErrors) {
    test(`upstream ${model} → ${status} ${type}, OpenAI and Anthropic`, async ({ request }) => {
      for (const body of [openaiBody(model), anthropicBody(model)]) {
        const response = await request.post(STREAM_PATH, { data: body });
        expect(response.status()).toBe(status);
        const json = await response.json();
        expect(json.error.type).toBe(type);
        expect(json.error.message).toMatch(message);
        expect(JSON.stringify(json)).not.toContain(MARKER_KEY);
        if (status === 429) expect(response.headers()["retry-after"]).toBe("1");
      }
    });
  }

  test("a key the provider rejects is a 401 with the provider's message and no key in it", async ({ request }) => {
    const key = "sk-invalid-0123SECRET";
    for (const provider of ["openai", "anthropic"]) {
      const response = await request.post(STREAM_PATH, {
        data: { ...openaiBody("gpt-4o-mini", {}, { provider }), provider_api_key: key },
      });
      expect(response.status()).toBe(401);
      const json = await response.json();
      expect(json.error.type).toBe("authentication_error");
      expect(json.error.message).toContain(`${provider} rejected the API key`);
      expect(JSON.stringify(json)).not.toContain("SECRET");
    }
  });

  test("connection refused is a 502 that says where", async ({ request }) => {
    const body = openaiBody("llama3.2", {}, { provider: "openai-compatible", base_url: "http://127.0.0.1:4199/v1" });
    const response = await request.post(STREAM_PATH, { data: body });
    expect(response.status()).toBe(502);
    expect((await response.json()).error).toMatchObject({
      type: "upstream_unreachable",
      message: expect.stringContaining("ECONNREFUSED"),
    });
  });

  test("an upstream that never answers is a 504 after UPSTREAM_TIMEOUT_MS", async ({ request }) => {
    const response = await request.post(STREAM_PATH, { data: openaiBody("hang"), timeout: 15_000 });
    expect(response.status()).toBe(504);
    expect((await response.json()).error.type).toBe("upstream_timeout");
  });

  test("a base URL on a private or link-local address is refused (SSRF)", async ({ request }) => {
    for (const base_url of ["http://10.0.0.1/v1", "http://169.254.169.254/latest", "http://[fd00::1]/v1"]) {
      const response = await request.post(STREAM_PATH, {
        data: openaiBody("x", {}, { provider: "openai-compatible", base_url }),
      });
      expect(response.status(), base_url).toBe(403);
      expect((await response.json()).error.type).toBe("forbidden_base_url");
    }
  });

  test("retry: true retries a 429 three times; fallback_strategy answers with the next model", async ({ request }) => {
    const model = `error-429-retry-${Date.now()}`;
    const retried = await request.post(STREAM_PATH, { data: openaiBody(model, { retry: true }), timeout: 20_000 });
    expect(retried.status()).toBe(429);
    expect((await upstreamRequests()).filter((entry) => entry.body?.model === model)).toHaveLength(3);

    const fallback = await postRaw(
      test.info().project.use.baseURL!,
      STREAM_PATH,
      openaiBody("error-500", { fallback_strategy: ["gpt-4o-mini-fallback"] }),
    );
    const stream = parseStream(fallback);
    expect(stream.final).toMatchObject({ status: "success", model: "gpt-4o-mini-fallback" });
    expect((await lastUpstreamRequest("gpt-4o-mini-fallback")).schemaErrors).toEqual([]);
  });
});

test.describe("errors after the headers: an error event, never a hang", () => {
  const midStream: [string, string, RegExp][] = [
    ["cut", "upstream_stream_error", /cut mid-way/],
    ["cut-clean", "upstream_stream_error", /ended before the model finished/],
    ["malformed", "upstream_stream_error", /./],
    ["mid-error", "upstream_stream_error", /mid-stream/],
    ["hang-after-first", "upstream_timeout", /sent nothing for 3 s/],
  ];
  for (const [model, type, message] of midStream) {
    test(`${model}: the partial text, then an error event (OpenAI and Anthropic)`, async ({ baseURL }) => {
      for (const body of [openaiBody(model), anthropicBody(model)]) {
        const raw = await postRaw(baseURL!, STREAM_PATH, body);
        expect(raw.status).toBe(200);
        const stream = parseStream(raw);
        expect(stream.final.status).toBe("error");
        expect(stream.final.error).toMatchObject({ type, message: expect.stringMatching(message) });
        expect(stream.text).toBe(stream.final.content);
        expect(raw.text).not.toContain(MARKER_KEY);
      }
    });
  }

  test("the JSON endpoint reports a mid-stream failure with its status", async ({ request }) => {
    const response = await request.post(COMPLETION_PATH, { data: openaiBody("cut") });
    expect(response.status()).toBe(502);
    const json = await response.json();
    expect(json).toMatchObject({ status: "error", error: expect.stringContaining("cut mid-way") });
  });
});
