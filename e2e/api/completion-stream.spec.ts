import { expect, test } from "@playwright/test";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import {
  anthropicBody,
  lastUpstreamRequest,
  MARKER_KEY,
  openaiBody,
  parseStream,
  postRaw,
  readLikePareaSdk,
  STREAM_PATH,
} from "./support";

test.describe("POST /completion/stream", () => {
  test("the seed's curl body streams Parea SSE whose chunks concatenate to the upstream text", async ({ baseURL }) => {
    const body = {
      ...SEED_REQUEST,
      cache: false,
      provider_api_key: MARKER_KEY,
      llm_configuration: {
        ...SEED_REQUEST.llm_configuration,
        functions: undefined,
        function_call: undefined,
        messages: [{ role: "user", content: "What is the weather in {{city}}" }],
      },
    };
    const raw = await postRaw(baseURL!, STREAM_PATH, body, { "x-user-id": "seed-user" });
    expect(raw.status).toBe(200);
    expect(raw.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(raw.headers["cache-control"]).toBe("no-cache, no-transform");
    expect(raw.headers["content-encoding"]).toBeUndefined();
    const stream = parseStream(raw);
    expect(raw.text.startsWith(`data: ID_START${stream.traceId}\r\n\r\n`)).toBe(true);
    const expected = "Echo: What is the weather in New York. The quick brown fox jumps over the lazy dog.";
    expect(stream.text).toBe(expected);
    expect(stream.final).toMatchObject({
      done: true,
      status: "success",
      content: expected,
      provider: "openai",
      model: "gpt-4o-mini",
      cache_hit: false,
      inference_id: stream.traceId,
    });
    for (const field of ["input_tokens", "output_tokens", "total_tokens"])
      expect(stream.final[field]).toBeGreaterThan(0);
    expect(stream.final.cost).toBeGreaterThan(0);
    expect(stream.final.latency).toBeGreaterThan(0);
    expect(stream.final.time_to_first_token).toBeGreaterThan(0);
    expect(stream.final.time_to_first_token).toBeLessThanOrEqual(stream.final.latency as number);
    expect(raw.text).not.toContain(MARKER_KEY);
  });

  test("the upstream request for the seed body is exactly what OpenAI's API expects", async ({ baseURL }) => {
    const model = "gpt-4o-mini-seed-check";
    const body = {
      ...SEED_REQUEST,
      cache: false,
      provider_api_key: MARKER_KEY,
      llm_configuration: {
        ...SEED_REQUEST.llm_configuration,
        model,
        model_params: {
          ...SEED_REQUEST.llm_configuration.model_params,
          top_p: 0.9,
          frequency_penalty: 0.5,
          presence_penalty: 0.25,
          stop: ["\n\n"],
          seed: 7,
        },
      },
    };
    const stream = parseStream(await postRaw(baseURL!, STREAM_PATH, body));
    expect(stream.final.status).toBe("success");
    const upstream = await lastUpstreamRequest(model);
    expect(upstream.path).toBe("/v1/chat/completions");
    expect(upstream.schemaErrors).toEqual([]);
    expect(upstream.headers.authorization).toBe(`Bearer ${MARKER_KEY}`);
    expect(upstream.body).toEqual({
      model,
      max_tokens: 500,
      temperature: 0,
      top_p: 0.9,
      frequency_penalty: 0.5,
      presence_penalty: 0.25,
      stop: ["\n\n"],
      seed: 7,
      messages: [{ role: "user", content: "What is the weather in New York" }],
      tools: [
        {
          type: "function",
          function: {
            name: "get_current_weather",
            description: "Get the current weather in a given location.",
            parameters: SEED_REQUEST.llm_configuration.functions[0]?.parameters,
          },
        },
      ],
      tool_choice: "auto",
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  test("a function-calling run streams the call and its content is Parea's JSON list", async ({ baseURL }) => {
    const body = { ...SEED_REQUEST, cache: false, provider_api_key: MARKER_KEY };
    const raw = await postRaw(baseURL!, STREAM_PATH, body);
    const stream = parseStream(raw);
    expect(stream.final.status).toBe("success");
    expect(stream.final.finish_reason).toBe("tool_calls");
    expect(stream.text).toBe(stream.final.content);
    expect(JSON.parse(stream.text)).toEqual([
      { function: { name: "get_current_weather", arguments: { location: "New York" } } },
    ]);
    const deltas = stream.events.flatMap(
      (event) => (event.tool_calls_delta as { arguments: string }[] | undefined) ?? [],
    );
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.map((delta) => delta.arguments).join("")).toBe('{"location":"New York"}');
    expect(stream.final.tool_calls).toEqual([
      { id: expect.any(String), name: "get_current_weather", arguments: '{"location":"New York"}' },
    ]);
  });

  test("an Anthropic body streams, and the Messages API request is what Anthropic expects", async ({ baseURL }) => {
    const model = "claude-3-5-haiku-check";
    const body = anthropicBody(model, {
      messages: [
        { role: "system", content: "Be brief." },
        { role: "example_user", content: "Hi" },
        { role: "example_assistant", content: "Hello!" },
        { role: "user", content: "Say hello" },
      ],
      model_params: { temp: 0.3, max_length: 64, top_p: 0.8 },
    });
    const stream = parseStream(await postRaw(baseURL!, STREAM_PATH, body));
    expect(stream.text).toBe("Echo: Say hello. The quick brown fox jumps over the lazy dog.");
    expect(stream.final).toMatchObject({ status: "success", provider: "anthropic", finish_reason: "end_turn" });
    // Anthropic's newer models refuse temperature and top_p together: the adapter drops top_p and says so.
    expect(stream.final.warnings).toEqual([expect.stringContaining("topP")]);
    expect(stream.final.output_tokens).toBeGreaterThan(0);
    const upstream = await lastUpstreamRequest(model);
    expect(upstream.path).toBe("/v1/messages");
    expect(upstream.schemaErrors).toEqual([]);
    expect(upstream.headers["x-api-key"]).toBe(MARKER_KEY);
    expect(upstream.headers["anthropic-version"]).toBeTruthy();
    expect(upstream.body).toMatchObject({
      model,
      max_tokens: 64,
      temperature: 0.3,
      stream: true,
      system: [{ type: "text", text: "Be brief." }],
      messages: [
        { role: "user", content: [{ type: "text", text: "Hi" }] },
        { role: "assistant", content: [{ type: "text", text: "Hello!" }] },
        { role: "user", content: [{ type: "text", text: "Say hello" }] },
      ],
    });
  });

  test("a tool result and the assistant's call go upstream as OpenAI tool messages", async ({ baseURL }) => {
    const model = "gpt-4o-mini-tool-result";
    const call = [
      {
        id: "call_abc",
        type: "function",
        function: { name: "get_current_weather", arguments: '{"location":"Paris"}' },
      },
    ];
    const body = openaiBody(
      model,
      {},
      {
        functions: SEED_REQUEST.llm_configuration.functions,
        messages: [
          { role: "user", content: "Weather in Paris?" },
          { role: "assistant", content: JSON.stringify(call) },
          { role: "tool", content: JSON.stringify({ tool_call_id: "call_abc", content: "18C and sunny" }) },
        ],
      },
    );
    const stream = parseStream(await postRaw(baseURL!, STREAM_PATH, body));
    expect(stream.text).toContain("Tool said: 18C and sunny");
    const upstream = await lastUpstreamRequest(model);
    expect(upstream.schemaErrors).toEqual([]);
    expect(upstream.body.messages).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_abc",
            type: "function",
            function: { name: "get_current_weather", arguments: '{"location":"Paris"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_abc", content: "18C and sunny" },
    ]);
  });

  test("response_format json_schema and reasoning effort reach OpenAI", async ({ baseURL }) => {
    const model = "gpt-4o-mini-format";
    const schema = {
      type: "object",
      properties: { answer: { type: "string" } },
      required: ["answer"],
      additionalProperties: false,
    };
    const body = openaiBody(
      model,
      {},
      {
        model_params: {
          response_format: { type: "json_schema", json_schema: { name: "answer", schema, strict: true } },
          reasoning_effort: "low",
        },
      },
    );
    parseStream(await postRaw(baseURL!, STREAM_PATH, body));
    const upstream = await lastUpstreamRequest(model);
    expect(upstream.schemaErrors).toEqual([]);
    expect(upstream.body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "answer", schema },
    });
  });

  test("Parea's Python SDK reads every event: one per HTTP chunk, non-ASCII and 'data: ' intact", async ({
    baseURL,
  }) => {
    const raw = await postRaw(baseURL!, STREAM_PATH, openaiBody("unicode"));
    const stream = parseStream(raw);
    const sdkChunks = readLikePareaSdk(raw.pieces);
    expect(sdkChunks).not.toContain(null);
    expect(sdkChunks[0]).toBe("");
    expect(sdkChunks.join("")).toBe(stream.final.content);
    expect(stream.final.content).toContain("data: ");
    expect(stream.final.content).toMatch(/日本語/);
    // ASCII-only on the wire: a proxy re-chunking bytes can never split a character.
    expect(/^[\x20-\x7e\r\n]*$/.test(raw.text)).toBe(true);
  });

  test("a 2,000-token stream read like the SDK loses nothing", async ({ baseURL }) => {
    const raw = await postRaw(baseURL!, STREAM_PATH, openaiBody("long-2000"));
    const stream = parseStream(raw);
    expect(stream.final.output_tokens).toBe(2000);
    expect(readLikePareaSdk(raw.pieces).join("")).toBe(stream.final.content);
  });

  test("the non-stream /completion answers one CompletionResponse with every field", async ({ request }) => {
    const response = await request.post("/api/parea/v1/completion", { data: openaiBody("gpt-4o-mini") });
    expect(response.status()).toBe(200);
    const body = await response.json();
    for (const field of [
      "inference_id",
      "content",
      "latency",
      "input_tokens",
      "output_tokens",
      "total_tokens",
      "cost",
      "model",
      "provider",
      "cache_hit",
      "status",
      "start_timestamp",
      "end_timestamp",
    ]) {
      expect(body[field], field).not.toBeNull();
      expect(body[field], field).not.toBeUndefined();
    }
    expect(body.content).toBe("Echo: Say hello. The quick brown fox jumps over the lazy dog.");
    expect(body.status).toBe("success");
    expect(JSON.stringify(body)).not.toContain(MARKER_KEY);
  });

  test("project get-or-create and health", async ({ request }) => {
    const name = `project-${Date.now()}`;
    const first = await (await request.post("/api/parea/v1/project", { data: { name } })).json();
    expect(first).toMatchObject({ name, was_created: true, uuid: expect.any(String), created_at: expect.any(String) });
    const second = await (await request.post("/api/parea/v1/project", { data: { name } })).json();
    expect(second).toMatchObject({ name, was_created: false, uuid: first.uuid });
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", auth_required: false });
  });
});
