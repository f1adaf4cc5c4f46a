import { type CompletionRequestInput, completionRequestSchema } from "@/lib/schema/completion-request";
import { providerForHost } from "@/lib/share/provider-endpoints";
import { type CurlRequest, parseCurlCommand } from "./curl-command";
import { fromAnthropicBody, looksLikeAnthropic } from "./from-anthropic";
import { fromOpenAIBody } from "./from-openai";
import { IgnoredFields, isRecord, type Json } from "./mapping-support";

/**
 * Import by paste: a curl command (ours, OpenAI's or Anthropic's) or a bare JSON body (Parea, OpenAI chat
 * completions, Anthropic messages) → a request for the form, what could not be mapped, and notes (a key that was
 * deliberately left behind, a base URL that was set).
 */
export type ImportFormat = "parea" | "openai" | "anthropic";

export type ImportResult =
  | {
      ok: true;
      format: ImportFormat;
      /** "OpenAI curl command", "Anthropic JSON body", … */
      label: string;
      request: CompletionRequestInput;
      ignored: string[];
      notes: string[];
    }
  | { ok: false; error: string };

const LABELS: Record<ImportFormat, string> = { parea: "Parea", openai: "OpenAI", anthropic: "Anthropic" };
const KEY_NOT_IMPORTED = "The key in the command was not imported: add your own in Keys.";
/** Headers that carry nothing the request needs to keep. */
const QUIET_HEADERS = ["content-type", "accept", "anthropic-version", "user-agent"];
const KEY_HEADERS = ["authorization", "x-api-key", "api-key", "x-user-id"];

function fromBody(format: ImportFormat, body: Json, ignored: IgnoredFields, notes: string[], provider?: string) {
  if (format === "anthropic") return fromAnthropicBody(body, ignored);
  if (format === "openai") return fromOpenAIBody(body, ignored, provider);
  if ("provider_api_key" in body) notes.push("provider_api_key was not imported: add your own key in Keys.");
  const { provider_api_key: _key, ...request } = body;
  return request as CompletionRequestInput;
}

function finish(
  format: ImportFormat,
  source: string,
  request: CompletionRequestInput,
  ignored: IgnoredFields,
  notes: string[],
): ImportResult {
  const parsed = completionRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `After import the request is not valid: ${issue?.path.join(".")}: ${issue?.message}` };
  }
  return { ok: true, format, label: `${LABELS[format]} ${source}`, request, ignored: ignored.paths, notes };
}

function parseJsonObject(text: string): Json | string {
  try {
    const value = JSON.parse(text) as unknown;
    return isRecord(value) ? value : "The body is JSON but not an object.";
  } catch (error) {
    return `The body is not valid JSON (${error instanceof Error ? error.message : "parse error"}).`;
  }
}

function formatOfBody(body: Json): ImportFormat | undefined {
  if ("llm_configuration" in body) return "parea";
  if (!Array.isArray(body.messages)) return undefined;
  return looksLikeAnthropic(body) ? "anthropic" : "openai";
}

function importCurl(curl: CurlRequest): ImportResult {
  let url: URL;
  try {
    url = new URL(curl.url.includes("://") ? curl.url : `https://${curl.url}`);
  } catch {
    return { ok: false, error: `The URL ${curl.url} is not valid.` };
  }
  const ignored = new IgnoredFields();
  const notes: string[] = [];
  for (const option of curl.ignored) ignored.add(option);
  for (const { name } of curl.headers) {
    const lower = name.toLowerCase();
    if (KEY_HEADERS.includes(lower)) {
      if (!notes.includes(KEY_NOT_IMPORTED)) notes.push(KEY_NOT_IMPORTED);
    } else if (!QUIET_HEADERS.includes(lower)) ignored.add(`header ${name}`);
  }
  const path = url.pathname.replace(/\/+$/, "");
  let format: ImportFormat;
  let provider: string | undefined;
  let baseUrl: string | undefined;
  if (/\/api\/parea\/v1\/completion(\/stream)?$/.test(path)) format = "parea";
  else if (path.endsWith("/chat/completions")) {
    format = "openai";
    provider = providerForHost(url.host);
    if (!provider) {
      provider = "openai-compatible";
      baseUrl = `${url.origin}${path.slice(0, -"/chat/completions".length)}`;
    }
  } else if (path.endsWith("/messages")) {
    format = "anthropic";
    if (providerForHost(url.host) !== "anthropic") baseUrl = `${url.origin}${path.slice(0, -"/messages".length)}`;
  } else {
    return {
      ok: false,
      error: `${url.origin}${path} is not an endpoint this can import (chat completions, messages, Parea).`,
    };
  }
  if (curl.body === undefined) return { ok: false, error: "The curl command sends no body (--data)." };
  const body = parseJsonObject(curl.body);
  if (typeof body === "string") return { ok: false, error: body };
  const request = fromBody(format, body, ignored, notes, provider);
  if (baseUrl) {
    request.llm_configuration = { ...request.llm_configuration, base_url: baseUrl };
    notes.push(`The base URL was set to ${baseUrl}.`);
  }
  return finish(format, "curl command", request, ignored, notes);
}

export function importRequest(text: string): ImportResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "Paste a curl command or a JSON body." };
  if (/^curl\s/.test(trimmed)) {
    const parsed = parseCurlCommand(trimmed);
    return parsed.ok ? importCurl(parsed.curl) : parsed;
  }
  const body = parseJsonObject(trimmed);
  if (typeof body === "string")
    return { ok: false, error: `Not a curl command, and ${body.charAt(0).toLowerCase()}${body.slice(1)}` };
  const format = formatOfBody(body);
  if (!format)
    return { ok: false, error: "This JSON has neither llm_configuration (Parea) nor messages (OpenAI, Anthropic)." };
  const ignored = new IgnoredFields();
  const notes: string[] = [];
  return finish(format, "JSON body", fromBody(format, body, ignored, notes), ignored, notes);
}
