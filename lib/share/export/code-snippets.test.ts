import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { validateAnthropic } from "@/e2e/upstream/anthropic.mjs";
import { validateOpenAI } from "@/e2e/upstream/openai.mjs";
import type { CompletionRequestInput } from "@/lib/schema/completion-request";
import { SEED_REQUEST } from "@/lib/testing/seed-request";
import { curlSnippet, fetchSnippet, providerSdkSnippet, pythonSnippet } from "./code-snippets";
import { toAnthropicBody, toOpenAIBody } from "./provider-bodies";

const ORIGIN = "http://127.0.0.1:3000";
const TOOL_TURNS: CompletionRequestInput & { llm_configuration: object } = {
  ...SEED_REQUEST,
  llm_configuration: {
    ...SEED_REQUEST.llm_configuration,
    messages: [
      { role: "system", content: "Be brief about {{city}}." },
      { role: "example_user", content: "Rome?" },
      { role: "example_assistant", content: "Sunny." },
      { role: "user", content: "What is the weather in {{city}}? It's 'quoted'." },
      {
        role: "assistant",
        content:
          '[{"id": "call_1", "type": "function", "function": {"name": "get_current_weather", "arguments": "{\\"location\\": \\"New York\\"}"}}]',
      },
      { role: "tool", content: '{"tool_call_id": "call_1", "content": "22C"}' },
    ],
    model_params: { temp: 0, max_length: 500, stop: ["###"], seed: 7 },
  },
};

/** Runs the exported curl with a fake `curl` that prints its arguments, as bash would pass them. */
function curlArguments(code: string, env: Record<string, string>): string[] {
  const output = execFileSync("bash", ["-c", `curl() { printf '%s\\0' "$@"; }\n${code}`], {
    env: { PATH: process.env.PATH ?? "", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  return output.split("\0").slice(0, -1);
}

function syntaxErrors(code: string, fileName: string): string[] {
  const result = ts.transpileModule(code, { fileName, reportDiagnostics: true, compilerOptions: { target: 99 } });
  return (result.diagnostics ?? []).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

describe("curl export", () => {
  it("has the seed's shape, and the key only as a shell variable", () => {
    const code = curlSnippet({ ...SEED_REQUEST, provider_api_key: "sk-real-key-0123" }, ORIGIN);
    expect(code).toMatch(
      /^curl --no-buffer --request POST \\\n {2}--url 'http:\/\/127\.0\.0\.1:3000\/api\/parea\/v1\/completion\/stream' \\/,
    );
    expect(code).toContain("--header 'Content-Type: application/json'");
    expect(code).toContain('--header "x-user-id: $PLAYGROUND_API_KEY"');
    expect(code).not.toContain("sk-real-key");
    const args = curlArguments(code, { OPENAI_API_KEY: "sk-from-env", PLAYGROUND_API_KEY: "access" });
    expect(args).toContain("x-user-id: access");
    const body = JSON.parse(args.at(-1) ?? "");
    expect(body).toEqual({ ...SEED_REQUEST, provider_api_key: "sk-from-env" });
  });

  it("survives quotes and shell characters in the request", () => {
    const args = curlArguments(curlSnippet(TOOL_TURNS, ORIGIN), { OPENAI_API_KEY: "k" });
    expect(JSON.parse(args.at(-1) ?? "").llm_configuration.messages).toEqual(TOOL_TURNS.llm_configuration.messages);
  });

  it("asks no key for the local model", () => {
    const local = { llm_configuration: { provider: "local", model: "stories260K.gguf", messages: [] } };
    expect(curlSnippet(local, ORIGIN)).not.toContain("provider_api_key");
  });
});

describe("fetch export", () => {
  it("is valid TypeScript (strict) and JavaScript, with the key from process.env", () => {
    const code = fetchSnippet({ ...SEED_REQUEST, provider_api_key: "sk-real-key-0123" }, ORIGIN);
    expect(code).not.toContain("sk-real-key");
    expect(code).toContain("provider_api_key: process.env.OPENAI_API_KEY");
    const directory = mkdtempSync(path.join(tmpdir(), "fetch-snippet-"));
    const file = path.join(directory, "run.ts");
    writeFileSync(file, code);
    const program = ts.createProgram([file], {
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      types: ["node"],
      typeRoots: [path.resolve("node_modules/@types")],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]);
  }, 120_000);
});

describe("Python export", () => {
  it("points Parea's SDK at the playground before importing it, and parses as Python", () => {
    const code = pythonSnippet(TOOL_TURNS, ORIGIN);
    expect(code.indexOf('os.environ["PAREA_BASE_URL"] = "http://127.0.0.1:3000/api/parea/v1"')).toBeLessThan(
      code.indexOf("from parea import Parea"),
    );
    expect(code).toContain("p = Parea(api_key=");
    expect(code).toContain("for chunk in p.stream(completion):");
    expect(code).toContain('Message(role=Role.example_user, content="Rome?")');
    expect(code).toContain("model_params=ModelParams(temp=0, max_length=500)");
    expect(code).toContain("Left out (ModelParams has no field for them): stop, seed.");
    expect(code).toContain('function_call="auto"');
    expect(code).toContain('"city": "New York"');
    execFileSync("python3", ["-c", "import ast, sys; ast.parse(sys.stdin.read())"], { input: code });
  }, 30_000);
});

describe("direct provider calls", () => {
  it("write an OpenAI body that OpenAI's own schema accepts", () => {
    const { body } = toOpenAIBody(TOOL_TURNS);
    expect(validateOpenAI({ ...body, stream: true })).toEqual([]);
    expect(body.messages).toEqual([
      { role: "system", content: "Be brief about New York." },
      { role: "user", content: "Rome?" },
      { role: "assistant", content: "Sunny." },
      { role: "user", content: "What is the weather in New York? It's 'quoted'." },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_1",
            type: "function",
            function: { name: "get_current_weather", arguments: '{"location": "New York"}' },
          },
        ],
      },
      { role: "tool", tool_call_id: "call_1", content: "22C" },
    ]);
    expect(body).toMatchObject({ temperature: 0, max_completion_tokens: 500, tool_choice: "auto", stop: ["###"] });
  });

  it("write an Anthropic body that the Messages API accepts", () => {
    const { body, notes } = toAnthropicBody({
      ...TOOL_TURNS,
      llm_configuration: { ...TOOL_TURNS.llm_configuration, provider: "anthropic", model: "claude-x" },
    });
    expect(validateAnthropic(body)).toEqual([]);
    expect(body.system).toBe("Be brief about New York.");
    expect(notes).toContain("seed has no Messages API equivalent; it is left out.");
  });

  it("use the official SDK's streaming call, keys from the environment", () => {
    const openai = providerSdkSnippet({ ...SEED_REQUEST, provider_api_key: "sk-real-key-0123" }) ?? "";
    expect(openai).toContain('import OpenAI from "openai"');
    expect(openai).toContain("apiKey: process.env.OPENAI_API_KEY");
    expect(openai).toContain("client.chat.completions.create(");
    expect(openai).toContain('"stream": true');
    expect(openai).not.toContain("sk-real-key");
    expect(syntaxErrors(openai, "direct.mts")).toEqual([]);

    const groq = providerSdkSnippet({ llm_configuration: { provider: "groq", model: "m", messages: [] } }) ?? "";
    expect(groq).toContain('apiKey: process.env.GROQ_API_KEY, baseURL: "https://api.groq.com/openai/v1"');

    const anthropic =
      providerSdkSnippet({ llm_configuration: { provider: "anthropic", model: "claude-x", messages: [] } }) ?? "";
    expect(anthropic).toContain('import Anthropic from "@anthropic-ai/sdk"');
    expect(anthropic).toContain("client.messages.stream(");
    expect(syntaxErrors(anthropic, "direct.mts")).toEqual([]);

    expect(providerSdkSnippet({ llm_configuration: { provider: "local" } })).toBeUndefined();
  });
});
