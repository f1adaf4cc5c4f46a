import { publicDraft } from "@/lib/client/draft";
import type { CompletionRequestInput } from "@/lib/schema/completion-request";
import { endpointOf } from "../provider-endpoints";
import { indentedJson, pythonLiteral, shellQuote } from "./code-literals";
import { toAnthropicBody, toOpenAIBody } from "./provider-bodies";

/**
 * The current request as code: curl and fetch against this playground, Parea's Python SDK pointed at it, and a
 * direct call with the provider's official SDK. Keys are always placeholders read from the environment
 * (`$OPENAI_API_KEY`, `process.env.OPENAI_API_KEY`): a snippet is safe to paste anywhere.
 */

export type SnippetKind = "curl" | "python" | "fetch" | "provider-sdk";

export interface Snippet {
  kind: SnippetKind;
  label: string;
  /** File name the download uses (the fetch one runs as an ES module under Node 18+). */
  fileName: string;
  code: string;
}

export const STREAM_PATH = "/api/parea/v1/completion/stream";
/** Where the provider key goes in the curl body, before the shell splices the variable in. */
const KEY_SLOT = "__PROVIDER_API_KEY__";

function keyEnvOf(request: CompletionRequestInput): string | undefined {
  return endpointOf(request.llm_configuration?.provider).keyEnv;
}

export function curlSnippet(draft: unknown, origin: string): string {
  const request = publicDraft(draft);
  const keyEnv = keyEnvOf(request);
  const body = keyEnv ? { ...request, provider_api_key: KEY_SLOT } : request;
  // The JSON is one single-quoted word; the key leaves the quotes to let bash expand its variable there.
  const data = shellQuote(JSON.stringify(body, null, 2)).replace(`"${KEY_SLOT}"`, `"'"$${keyEnv}"'"`);
  return [
    "curl --no-buffer --request POST \\",
    `  --url ${shellQuote(`${origin}${STREAM_PATH}`)} \\`,
    "  --header 'Content-Type: application/json' \\",
    '  --header "x-user-id: $PLAYGROUND_API_KEY" \\',
    `  --data ${data}`,
  ].join("\n");
}

export function fetchSnippet(draft: unknown, origin: string): string {
  const request = publicDraft(draft);
  const keyEnv = keyEnvOf(request);
  const key = keyEnv ? `, provider_api_key: process.env.${keyEnv}` : "";
  return `// Streams this request from the playground. Node 18+: save as run.mjs (valid TypeScript too) and run \`node run.mjs\`.
// Keys come from the environment, never from this file${keyEnv ? `: ${keyEnv}` : ""}, and PLAYGROUND_API_KEY when the server
// has PLAYGROUND_API_KEYS.
const request = ${indentedJson(request, 0)};

const response = await fetch(${JSON.stringify(`${origin}${STREAM_PATH}`)}, {
  method: "POST",
  headers: { "Content-Type": "application/json", "x-user-id": process.env.PLAYGROUND_API_KEY ?? "" },
  body: JSON.stringify({ ...request${key} }),
});
if (!response.ok || !response.body) throw new Error(\`HTTP \${response.status}: \${await response.text()}\`);

// Server-sent events: "data: ID_START<trace id>", then {"chunk": ...} events; the last one has done: true.
const reader = response.body.getReader();
const decoder = new TextDecoder();
let buffer = "";
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  buffer += decoder.decode(value, { stream: true });
  const events = buffer.split(/\\r?\\n\\r?\\n/);
  buffer = events.pop() ?? "";
  for (const event of events) {
    const data = event
      .split(/\\r?\\n/)
      .filter((line) => line.startsWith("data:"))
      .map((line) => line.slice(line.startsWith("data: ") ? 6 : 5))
      .join("\\n");
    if (data === "" || data.startsWith("ID_START")) continue;
    const message = JSON.parse(data);
    if (message.error) throw new Error(message.error.message ?? String(message.error));
    process.stdout.write(message.chunk ?? "");
    if (message.done) console.log(\`\\n\\n\${message.output_tokens} tokens in \${message.latency} s, $\${message.cost}\`);
  }
}

export {}; // a module for TypeScript too (top-level await)
`;
}

const PYTHON_PARAMS = ["temp", "top_p", "frequency_penalty", "presence_penalty", "max_length", "response_format"];
const PYTHON_COMPLETION_FIELDS = [
  "llm_inputs",
  "end_user_identifier",
  "deployment_id",
  "name",
  "metadata",
  "tags",
  "target",
  "trace_name",
  "cache",
  "log_omit_inputs",
  "log_omit_outputs",
  "log_omit",
  "experiment_uuid",
];
const PYTHON_ROLES = ["system", "user", "assistant", "example_user", "example_assistant", "tool"];

function pythonArguments(entries: [string, string][], indent: number): string {
  const pad = " ".repeat(indent);
  return entries.map(([name, value]) => `${pad}${name}=${value},`).join("\n");
}

export function pythonSnippet(draft: unknown, origin: string): string {
  const request = publicDraft(draft);
  const configuration = request.llm_configuration ?? {};
  const params = (configuration.model_params ?? {}) as Record<string, unknown>;
  const skipped = Object.keys(params).filter((key) => !PYTHON_PARAMS.includes(key) && params[key] != null);
  const keyEnv = keyEnvOf(request);
  const messages = (configuration.messages ?? []).map((message) => {
    const role = PYTHON_ROLES.includes(message.role) ? `Role.${message.role}` : JSON.stringify(message.role);
    return `            Message(role=${role}, content=${JSON.stringify(message.content ?? "")}),`;
  });
  const paramArgs = PYTHON_PARAMS.filter((key) => params[key] != null).map(
    (key) => `${key}=${pythonLiteral(params[key], 8)}`,
  );
  const llmInputs: [string, string][] = [];
  if (configuration.model) llmInputs.push(["model", JSON.stringify(configuration.model)]);
  if (configuration.provider) llmInputs.push(["provider", JSON.stringify(configuration.provider)]);
  if (paramArgs.length > 0) llmInputs.push(["model_params", `ModelParams(${paramArgs.join(", ")})`]);
  if (messages.length > 0) llmInputs.push(["messages", `[\n${messages.join("\n")}\n        ]`]);
  if (configuration.functions?.length) llmInputs.push(["functions", pythonLiteral(configuration.functions, 8)]);
  if (configuration.function_call != null) {
    llmInputs.push(["function_call", pythonLiteral(configuration.function_call, 8)]);
  }
  const completion: [string, string][] = [["llm_configuration", `LLMInputs(\n${pythonArguments(llmInputs, 8)}\n    )`]];
  const source = { ...request, llm_inputs: request.llm_inputs ?? request.inputs } as Record<string, unknown>;
  for (const field of PYTHON_COMPLETION_FIELDS) {
    if (source[field] != null) completion.push([field, pythonLiteral(source[field], 4)]);
  }
  const notes = [
    keyEnv && `# The provider key is the server's ${keyEnv}: Parea's Completion has no field for one.`,
    skipped.length > 0 && `# Left out (ModelParams has no field for them): ${skipped.join(", ")}.`,
  ].filter(Boolean);
  return `# pip install parea-ai
import os

# Parea's SDK reads its server when it is imported: point it at this playground first.
os.environ["PAREA_BASE_URL"] = ${JSON.stringify(`${origin}/api/parea/v1`)}

from parea import Parea
from parea.schemas import Completion, LLMInputs, Message, ModelParams, Role

# PAREA_API_KEY: one of the server's PLAYGROUND_API_KEYS (any value when the server is open).
${notes.length > 0 ? `${notes.join("\n")}\n` : ""}p = Parea(api_key=os.environ.get("PAREA_API_KEY", "playground"))

completion = Completion(
${pythonArguments(completion, 4)}
)

for chunk in p.stream(completion):
    print(chunk, end="", flush=True)
print()
`;
}

function comments(notes: string[]): string {
  return notes.map((note) => `// ${note}\n`).join("");
}

export function providerSdkSnippet(draft: unknown): string | undefined {
  const request = publicDraft(draft);
  const provider = request.llm_configuration?.provider ?? undefined;
  const endpoint = endpointOf(provider);
  const keyEnv = endpoint.keyEnv ?? "API_KEY";
  if (endpoint.sdk === "anthropic") {
    const { body, notes } = toAnthropicBody(request);
    return `// npm install @anthropic-ai/sdk. Calls Anthropic directly (not through the playground): node run.mjs
import Anthropic from "@anthropic-ai/sdk";

${comments(notes)}const client = new Anthropic({ apiKey: process.env.${keyEnv} });

const stream = client.messages.stream(${indentedJson(body, 0)});
stream.on("text", (text) => process.stdout.write(text));
const message = await stream.finalMessage();
console.log(\`\\n\\n\${message.usage.output_tokens} output tokens, stop: \${message.stop_reason}\`);
`;
  }
  if (endpoint.sdk !== "openai") return undefined;
  const { body, notes } = toOpenAIBody(request, provider ?? "openai");
  const baseURL = request.llm_configuration?.base_url ?? (provider === "openai" ? undefined : endpoint.baseUrl);
  const options = [`apiKey: process.env.${keyEnv}`, baseURL ? `baseURL: ${JSON.stringify(baseURL)}` : ""]
    .filter(Boolean)
    .join(", ");
  return `// npm install openai. Calls ${provider} directly (not through the playground): node run.mjs
import OpenAI from "openai";

${comments(notes)}const client = new OpenAI({ ${options} });

const stream = await client.chat.completions.create(${indentedJson({ ...body, stream: true }, 0)});
for await (const chunk of stream) {
  // Tool calls arrive in chunk.choices[0]?.delta?.tool_calls.
  process.stdout.write(chunk.choices[0]?.delta?.content ?? "");
}
console.log();
`;
}

export function allSnippets(draft: unknown, origin: string): Snippet[] {
  const snippets: Snippet[] = [
    { kind: "curl", label: "curl", fileName: "request.sh", code: curlSnippet(draft, origin) },
    { kind: "python", label: "Python (Parea SDK)", fileName: "request.py", code: pythonSnippet(draft, origin) },
    { kind: "fetch", label: "TypeScript / JS (fetch)", fileName: "request.mjs", code: fetchSnippet(draft, origin) },
  ];
  const direct = providerSdkSnippet(draft);
  if (direct) snippets.push({ kind: "provider-sdk", label: "Provider SDK", fileName: "direct.mjs", code: direct });
  return snippets;
}
