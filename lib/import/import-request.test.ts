import { describe, expect, it } from "vitest";
import { completionRequestSchema } from "@/lib/schema/completion-request";
import { curlSnippet } from "@/lib/share/export/code-snippets";
import { toAnthropicBody, toOpenAIBody } from "@/lib/share/export/provider-bodies";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { parseCurlCommand } from "./curl-command";
import { importRequest } from "./import-request";

const OPENAI_CURL = `curl https://api.openai.com/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer $OPENAI_API_KEY" \\
  -d '{
    "model": "gpt-4o",
    "messages": [
      {"role": "developer", "content": "You are terse."},
      {"role": "user", "content": [{"type": "text", "text": "What'"'"'s the weather in Paris?"}]},
      {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]},
      {"role": "tool", "tool_call_id": "call_1", "content": "18C"}
    ],
    "temperature": 0.2,
    "max_tokens": 256,
    "n": 2,
    "logprobs": true,
    "stream": true,
    "user": "u-42",
    "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}],
    "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
    "response_format": {"type": "json_object"}
  }'`;

const ANTHROPIC_CURL = `curl https://api.anthropic.com/v1/messages \\
     --header "x-api-key: $ANTHROPIC_API_KEY" \\
     --header "anthropic-version: 2023-06-01" \\
     --header "content-type: application/json" \\
     --data '{
       "model": "claude-sonnet-4-20250514",
       "max_tokens": 1024,
       "system": "Be brief.",
       "temperature": 0.5,
       "top_k": 5,
       "stop_sequences": ["###"],
       "thinking": {"type": "enabled", "budget_tokens": 2000},
       "tools": [{"name": "get_weather", "description": "Weather", "input_schema": {"type": "object", "properties": {}}}],
       "tool_choice": {"type": "any"},
       "messages": [
         {"role": "user", "content": "Hello"},
         {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Rome"}}]},
         {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "Sunny"}]}
       ]
     }'`;

describe("curl parsing", () => {
  it("reads method, URL, headers and body in any option style", () => {
    const parsed = parseCurlCommand(
      `curl -X POST --url=https://h/x -H 'A: 1' --header "B: two" --data-raw '{"a":1}' -s --compressed`,
    );
    expect(parsed).toEqual({
      ok: true,
      curl: {
        method: "POST",
        url: "https://h/x",
        headers: [
          { name: "A", value: "1" },
          { name: "B", value: "two" },
        ],
        body: '{"a":1}',
        ignored: ["--compressed"],
      },
    });
  });

  it("refuses what it cannot read, with a reason", () => {
    expect(parseCurlCommand("wget http://x")).toMatchObject({ ok: false });
    expect(parseCurlCommand("curl -d @body.json http://x")).toMatchObject({ ok: false, error: /file/ });
    expect(parseCurlCommand(`curl http://x -d '{"a": 1`)).toMatchObject({ ok: false, error: /quote/ });
  });
});

describe("import", () => {
  it("maps an OpenAI curl command and lists what it ignored", () => {
    const result = importRequest(OPENAI_CURL);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.label).toBe("OpenAI curl command");
    expect(result.request).toEqual({
      llm_configuration: {
        provider: "openai",
        model: "gpt-4o",
        messages: [
          { role: "system", content: "You are terse." },
          { role: "user", content: "What's the weather in Paris?" },
          {
            role: "assistant",
            content: JSON.stringify([
              { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
            ]),
          },
          { role: "tool", content: JSON.stringify({ tool_call_id: "call_1", content: "18C" }) },
        ],
        functions: [
          {
            name: "get_weather",
            description: "Weather",
            parameters: { type: "object", properties: { city: { type: "string" } } },
          },
        ],
        function_call: { name: "get_weather" },
        model_params: { temp: 0.2, max_length: 256, response_format: { type: "json_object" } },
      },
      end_user_identifier: "u-42",
    });
    expect(result.ignored).toEqual(["n", "logprobs"]);
    expect(result.notes.join(" ")).toMatch(/key .* not imported/);
    expect(JSON.stringify(result)).not.toContain("OPENAI_API_KEY");
  });

  it("maps an Anthropic curl command: system first, tool_use and tool_result in Parea's encoding", () => {
    const result = importRequest(ANTHROPIC_CURL);
    expect(result.ok && result.label).toBe("Anthropic curl command");
    if (!result.ok) return;
    expect(result.request.llm_configuration).toEqual({
      provider: "anthropic",
      model: "claude-sonnet-4-20250514",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hello" },
        {
          role: "assistant",
          content: JSON.stringify([
            { id: "toolu_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } },
          ]),
        },
        { role: "tool", content: JSON.stringify({ tool_call_id: "toolu_1", content: "Sunny" }) },
      ],
      functions: [{ name: "get_weather", description: "Weather", parameters: { type: "object", properties: {} } }],
      function_call: "required",
      model_params: { temp: 0.5, top_k: 5, max_length: 1024, stop: ["###"] },
    });
    expect(result.ignored).toEqual(["thinking"]);
  });

  it("recognises bare JSON bodies by their fields", () => {
    expect(
      importRequest(JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hi" }] })),
    ).toMatchObject({
      ok: true,
      format: "openai",
      label: "OpenAI JSON body",
    });
    expect(
      importRequest(JSON.stringify({ model: "claude-x", max_tokens: 10, messages: [{ role: "user", content: "hi" }] })),
    ).toMatchObject({ ok: true, format: "anthropic" });
    const parea = importRequest(JSON.stringify({ ...SEED_REQUEST, provider_api_key: "sk-pasted" }));
    expect(parea).toMatchObject({ ok: true, format: "parea" });
    expect(parea.ok && parea.request).not.toHaveProperty("provider_api_key");
    expect(parea.ok && parea.notes[0]).toMatch(/provider_api_key was not imported/);
    expect(importRequest('{"hello": 1}')).toMatchObject({ ok: false });
    expect(importRequest("not json")).toMatchObject({ ok: false });
  });

  it("points an unknown OpenAI-compatible host at openai-compatible with its base URL", () => {
    const result = importRequest(
      `curl http://localhost:11434/v1/chat/completions -d '{"model": "llama3", "messages": [{"role": "user", "content": "hi"}]}'`,
    );
    expect(result.ok && result.request.llm_configuration).toMatchObject({
      provider: "openai-compatible",
      base_url: "http://localhost:11434/v1",
      model: "llama3",
    });
    expect(
      importRequest(`curl https://api.groq.com/openai/v1/chat/completions -d '{"model": "m", "messages": []}'`),
    ).toMatchObject({
      ok: true,
      request: { llm_configuration: { provider: "groq" } },
    });
  });

  it("reads back our own exported curl, the request unchanged", () => {
    const result = importRequest(curlSnippet(SEED_REQUEST, "http://127.0.0.1:3000"));
    expect(result).toMatchObject({ ok: true, format: "parea", label: "Parea curl command" });
    expect(result.ok && result.request).toEqual(SEED_REQUEST);
  });

  it("round-trips through the provider bodies the export writes", () => {
    const openai = toOpenAIBody(SEED_REQUEST).body;
    const back = importRequest(JSON.stringify(openai));
    expect(back.ok && back.request.llm_configuration?.functions).toEqual(SEED_REQUEST.llm_configuration.functions);
    expect(back.ok && back.request.llm_configuration?.messages).toEqual([
      { role: "user", content: "What is the weather in New York" },
    ]);
    const anthropic = importRequest(JSON.stringify(toAnthropicBody(SEED_REQUEST).body));
    expect(anthropic.ok && anthropic.format).toBe("anthropic");
    expect(anthropic.ok && completionRequestSchema.safeParse(anthropic.request).success).toBe(true);
  });
});
