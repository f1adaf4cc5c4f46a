import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UNICODE_TEXT } from "./scenarios.mjs";
import { startUpstream } from "./server.mjs";

type Upstream = Awaited<ReturnType<typeof startUpstream>>;
type Sse = { event: string | null; data: string };

let upstream: Upstream;

beforeAll(async () => {
  upstream = await startUpstream({ port: 0 });
});
afterAll(async () => {
  await upstream.close();
});
beforeEach(async () => {
  await fetch(`${upstream.url}/__reset`, { method: "POST" });
});

function openai(body: Record<string, unknown>, init: { key?: string | null; signal?: AbortSignal } = {}) {
  const key = init.key === undefined ? "sk-test" : init.key;
  return fetch(`${upstream.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ messages: [{ role: "user", content: "hello" }], ...body }),
    signal: init.signal,
  });
}

function anthropic(body: Record<string, unknown>, init: { key?: string | null; version?: string | null } = {}) {
  const key = init.key === undefined ? "sk-ant-test" : init.key;
  const version = init.version === undefined ? "2023-06-01" : init.version;
  return fetch(`${upstream.url}/v1/messages`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key ? { "x-api-key": key } : {}),
      ...(version ? { "anthropic-version": version } : {}),
    },
    body: JSON.stringify({ max_tokens: 256, messages: [{ role: "user", content: "hello" }], ...body }),
  });
}

function parseSse(text: string): Sse[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7) ?? null;
      const data = lines
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join("\n");
      return { event, data };
    });
}

// biome-ignore lint/suspicious/noExplicitAny: wire JSON
type Json = any;

function openaiChunks(events: Sse[]): Json[] {
  return events.filter((e) => e.data !== "[DONE]").map((e) => JSON.parse(e.data));
}

const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: {
      type: "object",
      properties: { location: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } },
      required: ["location", "unit"],
    },
  },
};

async function lastRequest(): Promise<Json> {
  return (await fetch(`${upstream.url}/__requests?last=1`)).json();
}

describe("OpenAI Chat Completions", () => {
  it("streams the echo reply, finish, usage and [DONE]", async () => {
    const res = await openai({ model: "gpt-4o-mini", stream: true, stream_options: { include_usage: true } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = parseSse(await res.text());
    expect(events.at(-1)?.data).toBe("[DONE]");
    const chunks = openaiChunks(events);
    expect(chunks[0].choices[0].delta).toMatchObject({ role: "assistant", content: "" });
    for (const c of chunks) {
      expect(c).toMatchObject({ object: "chat.completion.chunk", model: "gpt-4o-mini", system_fingerprint: "fp_test" });
      expect(c.id).toBe(chunks[0].id);
    }
    const content = chunks.filter((c) => c.choices[0]?.delta?.content).map((c) => c.choices[0].delta.content);
    expect(content.slice(0, 3)).toEqual(["Echo", ":", " hello"]);
    expect(content.join("")).toBe("Echo: hello. The quick brown fox jumps over the lazy dog.");
    const finish = chunks.at(-2);
    expect(finish.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: "stop" });
    const usageChunk = chunks.at(-1);
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({
      prompt_tokens: 2,
      completion_tokens: content.length,
      total_tokens: 2 + content.length,
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);

    const recorded = await lastRequest();
    expect(recorded).toMatchObject({
      method: "POST",
      path: "/v1/chat/completions",
      schemaErrors: [],
      scenario: "normal",
      status: 200,
    });
    expect(recorded.headers.authorization).toBe("Bearer sk-test");
    expect(recorded.body.model).toBe("gpt-4o-mini");
  });

  it("omits usage fields without include_usage and answers non-streamed requests with a chat.completion", async () => {
    const chunks = openaiChunks(parseSse(await (await openai({ model: "gpt-4o-mini", stream: true })).text()));
    expect(chunks.every((c) => !("usage" in c))).toBe(true);

    const res = await openai({ model: "gpt-4o-mini" });
    const body = await res.json();
    expect(body).toMatchObject({
      object: "chat.completion",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Echo: hello. The quick brown fox jumps over the lazy dog.",
            refusal: null,
          },
          finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: 2 },
    });
  });

  it("honours max_tokens and stop sequences", async () => {
    const limited = await (await openai({ model: "gpt-4o-mini", max_completion_tokens: 3 })).json();
    expect(limited.choices[0]).toMatchObject({ message: { content: "Echo: hello" }, finish_reason: "length" });
    const stopped = await (await openai({ model: "gpt-4o-mini", stop: [" brown"] })).json();
    expect(stopped.choices[0]).toMatchObject({ message: { content: "Echo: hello. The quick" }, finish_reason: "stop" });
  });

  it("splits tool-call arguments across deltas, then answers the tool result", async () => {
    const res = await openai({ model: "gpt-4o-mini", stream: true, tools: [weatherTool] });
    const chunks = openaiChunks(parseSse(await res.text()));
    const calls = chunks.filter((c) => c.choices[0]?.delta?.tool_calls).map((c) => c.choices[0].delta.tool_calls[0]);
    expect(calls[0]).toMatchObject({ index: 0, type: "function", function: { name: "get_weather", arguments: "" } });
    expect(calls[0].id).toMatch(/^call_/);
    expect(calls.length).toBeGreaterThan(3);
    for (const c of calls.slice(1)) expect(Object.keys(c).sort()).toEqual(["function", "index"]);
    const args = calls.map((c) => c.function.arguments).join("");
    expect(JSON.parse(args)).toEqual({ location: "New York", unit: "celsius" });
    expect(chunks.at(-1).choices[0].finish_reason).toBe("tool_calls");

    const followUp = await openai({
      model: "gpt-4o-mini",
      tools: [weatherTool],
      messages: [
        { role: "user", content: "weather?" },
        {
          role: "assistant",
          content: null,
          tool_calls: [{ id: calls[0].id, type: "function", function: { name: "get_weather", arguments: args } }],
        },
        { role: "tool", tool_call_id: calls[0].id, content: "72F and sunny" },
      ],
    });
    expect((await followUp.json()).choices[0].message.content).toBe("Tool said: 72F and sunny");
    expect((await lastRequest()).schemaErrors).toEqual([]);
  });

  it("rejects a schema-invalid body with 400 and records the schema errors", async () => {
    const res = await openai({ model: "gpt-4o-mini", temperature: "hot" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toEqual({
      error: { message: expect.any(String), type: "invalid_request_error", param: null, code: null },
    });
    const recorded = await lastRequest();
    expect(recorded.schemaErrors.length).toBeGreaterThan(0);
    expect(recorded.schemaErrors.join(" ")).toContain("/temperature");
  });

  it("rejects what the schema cannot express: orphan tool messages, max_tokens on reasoning models", async () => {
    const orphan = await openai({
      model: "gpt-4o-mini",
      messages: [{ role: "tool", tool_call_id: "call_x", content: "hi" }],
    });
    expect(orphan.status).toBe(400);
    const reasoning = await openai({ model: "o4-mini", max_tokens: 10 });
    expect(reasoning.status).toBe(400);
    expect((await lastRequest()).schemaErrors[0]).toContain("max_completion_tokens");
  });

  it("requires a bearer key and rejects sk-invalid keys", async () => {
    const missing = await openai({ model: "gpt-4o-mini" }, { key: null });
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.type).toBe("invalid_request_error");
    const invalid = await openai({ model: "gpt-4o-mini" }, { key: "sk-invalid-123456" });
    expect(invalid.status).toBe(401);
    const body = await invalid.json();
    expect(body.error).toMatchObject({ type: "invalid_request_error", param: null, code: "invalid_api_key" });
    expect(body.error.message).toContain("Incorrect API key provided: sk-inv*****");
    expect(body.error.message).not.toContain("sk-invalid-123456");
  });

  it.each([
    [401, "invalid_api_key"],
    [403, "unsupported_country_region_territory"],
    [404, "model_not_found"],
    [429, "rate_limit_exceeded"],
    [500, null],
    [503, null],
  ])("error-%i has OpenAI's status and error shape", async (status, code) => {
    const res = await openai({ model: `test-error-${status}`, stream: true });
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body).toEqual({ error: { message: expect.any(String), type: expect.any(String), param: null, code } });
    if (status === 429) expect(res.headers.get("retry-after")).toBe("1");
    if (status === 404)
      expect(body.error.message).toBe("The model `test-error-404` does not exist or you do not have access to it.");
  });

  it("model-not-found gives the 404 body", async () => {
    const res = await openai({ model: "model-not-found" });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("model_not_found");
  });

  it("cut destroys the connection mid-stream so the client's read fails", async () => {
    const res = await openai({ model: "cut", stream: true });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
  });

  it("cut-clean ends the stream without finish chunk or [DONE]", async () => {
    const text = await (await openai({ model: "cut-clean", stream: true })).text();
    const events = parseSse(text);
    expect(events.length).toBeGreaterThan(1);
    expect(text).not.toContain("[DONE]");
    expect(openaiChunks(events).every((c) => c.choices[0].finish_reason === null)).toBe(true);
  });

  it("malformed sends a line that is not JSON; mid-error sends an error chunk", async () => {
    const malformed = await (await openai({ model: "malformed", stream: true })).text();
    expect(malformed).toContain("\ndata: {not json\n\n");
    const midError = parseSse(await (await openai({ model: "mid-error", stream: true })).text());
    expect(JSON.parse(midError.at(-1)?.data ?? "")).toEqual({
      error: { message: "The server had an error while processing your request.", type: "server_error" },
    });
  });

  it("unicode keeps multi-byte characters in their own chunks", async () => {
    const chunks = openaiChunks(parseSse(await (await openai({ model: "unicode", stream: true })).text()));
    const content = chunks.map((c) => c.choices[0]?.delta?.content ?? "");
    expect(content).toContain("é");
    expect(content).toContain("🎉");
    expect(content.join("")).toBe(UNICODE_TEXT);
    expect(UNICODE_TEXT).toContain("data: ");
  });

  it("bench-<n> streams n chunks", async () => {
    const chunks = openaiChunks(parseSse(await (await openai({ model: "bench-2000", stream: true })).text()));
    expect(chunks.filter((c) => c.choices[0]?.delta?.content).length).toBe(2000);
  });

  it("records an aborted request as closed-early", async () => {
    const controller = new AbortController();
    const res = await openai({ model: "test-slow", stream: true }, { signal: controller.signal });
    const reader = res.body?.getReader();
    await reader?.read();
    controller.abort();
    const recorded = await lastRequest();
    let events: Json[] = [];
    for (let i = 0; i < 100; i++) {
      events = await (await fetch(`${upstream.url}/__events`)).json();
      if (events.some((e) => e.requestId === recorded.id)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(events).toContainEqual({ requestId: recorded.id, type: "closed-early", time: expect.any(Number) });
  });

  it("hang never answers: a client timeout fires and reaches the upstream", async () => {
    await expect(openai({ model: "hang", stream: true }, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    const id = upstream.requests.at(-1)?.id;
    for (let i = 0; i < 100 && !upstream.events.some((e) => e.requestId === id); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(upstream.events.find((e) => e.requestId === id)?.type).toBe("closed-early");
  });

  it("answers 404 in the provider's shape for unknown paths and records them", async () => {
    const res = await fetch(`${upstream.url}/v1/responses`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { message: "Invalid URL (POST /v1/responses)", type: "invalid_request_error", param: null, code: null },
    });
    expect((await lastRequest()).scenario).toBe("unknown-endpoint");
    expect(await (await fetch(`${upstream.url}/__health`)).json()).toEqual({ ok: true });
  });
});

describe("Anthropic Messages", () => {
  it("streams the documented event sequence", async () => {
    const res = await anthropic({ model: "claude-3-5-haiku-latest", stream: true });
    expect(res.status).toBe(200);
    const events = parseSse(await res.text());
    for (const e of events) expect(JSON.parse(e.data).type).toBe(e.event);
    const names = events.map((e) => e.event);
    expect(names.slice(0, 3)).toEqual(["message_start", "content_block_start", "ping"]);
    expect(names.slice(-3)).toEqual(["content_block_stop", "message_delta", "message_stop"]);
    expect(new Set(names.slice(3, -3))).toEqual(new Set(["content_block_delta"]));
    const data = events.map((e) => JSON.parse(e.data));
    expect(data[0].message).toMatchObject({
      role: "assistant",
      content: [],
      usage: { input_tokens: 2, output_tokens: 1 },
    });
    expect(data[0].message.id).toMatch(/^msg_/);
    const text = data.filter((d) => d.type === "content_block_delta").map((d) => d.delta.text);
    expect(text.join("")).toBe("Echo: hello. The quick brown fox jumps over the lazy dog.");
    expect(data.at(-2)).toEqual({
      type: "message_delta",
      delta: { stop_reason: "end_turn", stop_sequence: null },
      usage: { output_tokens: text.length },
    });
    const recorded = await lastRequest();
    expect(recorded.schemaErrors).toEqual([]);
    expect(recorded.headers["x-api-key"]).toBe("sk-ant-test");
  });

  it("streams tool_use input as input_json_delta pieces", async () => {
    const tools = [{ name: "get_weather", input_schema: weatherTool.function.parameters }];
    const res = await anthropic({
      model: "claude-3-5-haiku-latest",
      stream: true,
      tools,
      tool_choice: { type: "any" },
    });
    const data = parseSse(await res.text()).map((e) => JSON.parse(e.data));
    expect(data[1].content_block).toMatchObject({ type: "tool_use", name: "get_weather", input: {} });
    const pieces = data.filter((d) => d.type === "content_block_delta").map((d) => d.delta.partial_json);
    expect(pieces.length).toBeGreaterThan(3);
    expect(JSON.parse(pieces.join(""))).toEqual({ location: "New York", unit: "celsius" });
    expect(data.at(-2).delta.stop_reason).toBe("tool_use");

    const followUp = await anthropic({
      model: "claude-3-5-haiku-latest",
      tools,
      messages: [
        { role: "user", content: "weather?" },
        {
          role: "assistant",
          content: [{ type: "tool_use", id: data[1].content_block.id, name: "get_weather", input: {} }],
        },
        { role: "user", content: [{ type: "tool_result", tool_use_id: data[1].content_block.id, content: "72F" }] },
      ],
    });
    const message = await followUp.json();
    expect(message).toMatchObject({
      type: "message",
      content: [{ type: "text", text: "Tool said: 72F" }],
      stop_reason: "end_turn",
    });
  });

  it("validates the essentials and auth headers", async () => {
    const noMax = await fetch(`${upstream.url}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ model: "claude-3-5-haiku-latest", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(noMax.status).toBe(400);
    expect(await noMax.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    expect((await lastRequest()).schemaErrors).toContain("max_tokens: Field required");

    const missing = await anthropic({ model: "claude-3-5-haiku-latest" }, { key: null });
    expect(missing.status).toBe(401);
    const invalid = await anthropic({ model: "claude-3-5-haiku-latest" }, { key: "sk-invalid" });
    expect(await invalid.json()).toEqual({
      type: "error",
      error: { type: "authentication_error", message: "invalid x-api-key" },
    });
  });

  it.each([
    [401, "authentication_error"],
    [403, "permission_error"],
    [404, "not_found_error"],
    [429, "rate_limit_error"],
    [500, "api_error"],
    [503, "overloaded_error"],
    [529, "overloaded_error"],
  ])("error-%i has Anthropic's status and error shape", async (status, type) => {
    const res = await anthropic({ model: `claude-error-${status}`, stream: true });
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ type: "error", error: { type, message: expect.any(String) } });
  });

  it("mid-error sends an error event mid-stream", async () => {
    const events = parseSse(await (await anthropic({ model: "claude-mid-error", stream: true })).text());
    expect(events.at(-1)).toEqual({
      event: "error",
      data: JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }),
    });
    expect(events.some((e) => e.event === "message_stop")).toBe(false);
  });
});
