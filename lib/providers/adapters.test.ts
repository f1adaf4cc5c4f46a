import { describe, expect, it } from "vitest";
import { buildCallOptions } from "@/lib/completion/call-options";
import { completionRequestSchema } from "@/lib/schema/completion-request";
import { PROVIDER_IDS, type ProviderId } from "@/lib/schema/providers";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { getAdapter } from "./registry";

interface Captured {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Runs one adapter's doStream with a fetch that records the request and answers 500, so nothing leaves the process. */
async function capture(
  provider: ProviderId,
  modelId: string,
  overrides: Record<string, unknown> = {},
): Promise<Captured> {
  const request = completionRequestSchema.parse({
    ...SEED_REQUEST,
    llm_configuration: { ...SEED_REQUEST.llm_configuration, provider, model: modelId, ...overrides },
  });
  const adapter = getAdapter(provider);
  let captured: Captured | undefined;
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const raw = init?.body;
    captured = { url: String(input), headers, body: typeof raw === "string" ? JSON.parse(raw) : {} };
    return new Response(JSON.stringify({ error: { message: "captured" } }), { status: 500 });
  }) as typeof globalThis.fetch;
  const baseURL = typeof overrides.base_url === "string" ? overrides.base_url : undefined;
  const model = adapter.createModel({ modelId, apiKey: "sk-test-key", baseURL, fetch });
  const options = buildCallOptions(request.llm_configuration, request.llm_configuration.messages ?? [], adapter);
  await Promise.resolve(model.doStream({ ...options })).catch(() => undefined);
  if (!captured) throw new Error(`${provider} sent no request`);
  return captured;
}

describe("provider adapters build the provider's own request", () => {
  it("openai: Chat Completions with tools, temperature, max_tokens and usage", async () => {
    const request = await capture("openai", "gpt-4o-mini");
    expect(request.url).toBe("https://api.openai.com/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test-key");
    expect(request.body).toMatchObject({
      model: "gpt-4o-mini",
      temperature: 0,
      max_tokens: 500,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "What is the weather in New York" }],
      tool_choice: "auto",
      tools: [
        {
          type: "function",
          function: { name: "get_current_weather", description: "Get the current weather in a given location." },
        },
      ],
    });
  });

  it("anthropic: Messages API with x-api-key, max_tokens and tools", async () => {
    const request = await capture("anthropic", "claude-3-5-haiku-latest");
    expect(request.url).toBe("https://api.anthropic.com/v1/messages");
    expect(request.headers["x-api-key"]).toBe("sk-test-key");
    expect(request.body).toMatchObject({
      model: "claude-3-5-haiku-latest",
      max_tokens: 500,
      temperature: 0,
      stream: true,
      tool_choice: { type: "auto" },
      tools: [{ name: "get_current_weather", input_schema: { type: "object", required: ["location"] } }],
      messages: [{ role: "user", content: [{ type: "text", text: "What is the weather in New York" }] }],
    });
  });

  it("mistral: safe_prompt reaches the body", async () => {
    const request = await capture("mistral", "mistral-small-latest", {
      model_params: { temp: 0.5, safe_prompt: true, max_length: 20 },
    });
    expect(request.url).toBe("https://api.mistral.ai/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test-key");
    expect(request.body).toMatchObject({
      model: "mistral-small-latest",
      safe_prompt: true,
      max_tokens: 20,
      temperature: 0.5,
    });
  });

  const bearer: [ProviderId, string, string][] = [
    ["groq", "llama-3.1-8b-instant", "https://api.groq.com/openai/v1/chat/completions"],
    ["fireworks", "accounts/fireworks/models/x", "https://api.fireworks.ai/inference/v1/chat/completions"],
    ["anyscale", "meta-llama/Meta-Llama-3-70B-Instruct", "https://api.endpoints.anyscale.com/v1/chat/completions"],
    ["openrouter", "openai/gpt-4o-mini", "https://openrouter.ai/api/v1/chat/completions"],
    ["litellm", "gpt-4o-mini", "http://localhost:4000/v1/chat/completions"],
  ];
  it.each(bearer)("%s: OpenAI-style chat completions at its own URL", async (provider, model, url) => {
    const request = await capture(provider, model);
    expect(request.url).toBe(url);
    expect(request.headers.authorization).toBe("Bearer sk-test-key");
    expect(request.body).toMatchObject({ model, temperature: 0, stream: true });
    expect(JSON.stringify(request.body)).toContain("get_current_weather");
  });

  it("openai-compatible: the user's base URL", async () => {
    const request = await capture("openai-compatible", "llama3.2", { base_url: "http://127.0.0.1:11434/v1" });
    expect(request.url).toBe("http://127.0.0.1:11434/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test-key");
    expect(request.body).toMatchObject({ model: "llama3.2", stream_options: { include_usage: true } });
  });

  it("cohere: its chat API with the key", async () => {
    const request = await capture("cohere", "command-r");
    expect(request.url).toBe("https://api.cohere.com/v2/chat");
    expect(request.headers.authorization).toBe("Bearer sk-test-key");
    expect(request.body).toMatchObject({ model: "command-r", temperature: 0, max_tokens: 500, stream: true });
  });

  it("azure: deployment URL on the resource", async () => {
    process.env.AZURE_RESOURCE_NAME = "my-resource";
    try {
      const request = await capture("azure", "my-deployment");
      expect(request.url).toContain("https://my-resource.openai.azure.com/openai/");
      expect(request.headers["api-key"]).toBe("sk-test-key");
    } finally {
      delete process.env.AZURE_RESOURCE_NAME;
    }
  });

  it("vertexai (express mode key) and aws_bedrock (API key) sign with the key", async () => {
    process.env.GOOGLE_VERTEX_PROJECT = "p";
    process.env.GOOGLE_VERTEX_LOCATION = "us-central1";
    try {
      const vertex = await capture("vertexai", "gemini-2.5-flash");
      expect(vertex.url).toContain("gemini-2.5-flash");
      expect(JSON.stringify(vertex.body)).toContain("get_current_weather");
    } finally {
      delete process.env.GOOGLE_VERTEX_PROJECT;
      delete process.env.GOOGLE_VERTEX_LOCATION;
    }
    const bedrock = await capture("aws_bedrock", "anthropic.claude-3-5-haiku-20241022-v1:0");
    expect(bedrock.url).toContain("bedrock-runtime.us-east-1.amazonaws.com");
    expect(bedrock.headers.authorization).toBe("Bearer sk-test-key");
  });

  describe("model ids never change the provider URL (issue 9 point 9)", () => {
    const TRAVERSAL = "../../admin/x?";
    const withEnv = async (vars: Record<string, string>, body: () => Promise<void>) => {
      Object.assign(process.env, vars);
      try {
        await body();
      } finally {
        for (const name of Object.keys(vars)) delete process.env[name];
      }
    };

    it("vertexai: a safe id stays one path segment; a traversal id is refused before any request", async () => {
      await withEnv({ GOOGLE_VERTEX_PROJECT: "p", GOOGLE_VERTEX_LOCATION: "us-central1" }, async () => {
        const safe = await capture("vertexai", "gemini-2.5-flash@001");
        expect(new URL(safe.url).pathname).toMatch(
          /\/publishers\/google\/models\/gemini-2\.5-flash@001:streamGenerateContent$/,
        );
        await expect(capture("vertexai", TRAVERSAL)).rejects.toThrow(/unsafe model id/);
        await expect(capture("vertexai", "x%2f..%2fadmin")).rejects.toThrow(/unsafe model id/);
      });
    });

    it("azure: deployment-based URLs keep the id as one segment; a traversal id is refused", async () => {
      await withEnv({ AZURE_RESOURCE_NAME: "my-resource", AZURE_DEPLOYMENT_BASED_URLS: "true" }, async () => {
        const safe = await capture("azure", "my-deployment");
        const url = new URL(safe.url);
        expect(url.host).toBe("my-resource.openai.azure.com");
        expect(url.pathname).toBe("/openai/deployments/my-deployment/chat/completions");
        await expect(capture("azure", TRAVERSAL)).rejects.toThrow(/unsafe model id/);
        await expect(capture("azure", "..")).rejects.toThrow(/unsafe model id/);
      });
    });
  });

  it("every provider id has an adapter", () => {
    for (const id of PROVIDER_IDS) expect(getAdapter(id).id).toBe(id);
  });
});
