import http from "node:http";
import { PareaStreamParser } from "@/lib/stream/parea-sse-parser";

export const UPSTREAM = `http://127.0.0.1:${process.env.E2E_UPSTREAM_PORT ?? 4100}`;
export const STREAM_PATH = "/api/parea/v1/completion/stream";
export const COMPLETION_PATH = "/api/parea/v1/completion";
/** A key that must never come back in a response, a log line or an error. */
export const MARKER_KEY = "sk-test-MARKER-9f8e7d6c";

export interface RecordedRequest {
  id: number;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  schemaErrors: unknown[];
  scenario: string;
}

export async function upstreamRequests(): Promise<RecordedRequest[]> {
  return (await fetch(`${UPSTREAM}/__requests`)).json();
}

/** The last request the test upstream got for this model (tests run in parallel, so filter by a unique model). */
export async function lastUpstreamRequest(model: string): Promise<RecordedRequest> {
  const matching = (await upstreamRequests()).filter((request) => request.body?.model === model);
  const last = matching.at(-1);
  if (!last) throw new Error(`the upstream got no request for model ${model}`);
  return last;
}

export async function upstreamEvents(): Promise<{ requestId: number; type: string }[]> {
  return (await fetch(`${UPSTREAM}/__events`)).json();
}

export function openaiBody(
  model: string,
  extra: Record<string, unknown> = {},
  configuration: Record<string, unknown> = {},
) {
  return {
    provider_api_key: MARKER_KEY,
    // Each test asserts what reached the upstream: no cache unless a test asks for it.
    cache: false,
    llm_configuration: {
      provider: "openai",
      model,
      messages: [{ role: "user", content: "Say hello" }],
      ...configuration,
    },
    ...extra,
  };
}

export function anthropicBody(model: string, configuration: Record<string, unknown> = {}) {
  return {
    provider_api_key: MARKER_KEY,
    cache: false,
    llm_configuration: {
      provider: "anthropic",
      model,
      messages: [{ role: "user", content: "Say hello" }],
      ...configuration,
    },
  };
}

export interface RawStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Each body piece as Node's HTTP client yielded it: one per HTTP/1.1 chunk, as Parea's SDK reads them. */
  pieces: Buffer[];
  text: string;
}

/** POSTs and collects the raw body pieces, without any client-side re-chunking. */
export function postRaw(
  baseURL: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawStream> {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${baseURL}${path}`,
      { method: "POST", headers: { "content-type": "application/json", ...headers } },
      (response) => {
        const pieces: Buffer[] = [];
        response.on("data", (piece: Buffer) => pieces.push(piece));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            pieces,
            text: Buffer.concat(pieces).toString("utf8"),
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

export interface ParsedStream {
  traceId: string | undefined;
  events: ({ chunk: string } & Record<string, unknown>)[];
  text: string;
  final: Record<string, unknown> & { chunk: string };
}

export function parseStream(raw: RawStream): ParsedStream {
  const parser = new PareaStreamParser();
  let traceId: string | undefined;
  const events: ParsedStream["events"] = [];
  for (const event of parser.push(raw.text)) {
    if (event.type === "start") traceId = event.traceId;
    else events.push(event.data);
  }
  const final = events.at(-1);
  if (!final?.done) throw new Error(`the stream has no final event: ${raw.text.slice(-300)}`);
  return { traceId, events, text: events.map((event) => event.chunk).join(""), final };
}

/**
 * Parea's Python SDK, line for line: for every piece its HTTP client yields, decode UTF-8, split on CRLF, take the
 * first line that starts with `data:`, delete every `data: `, yield "" for ID_START, else json.loads(rest)["chunk"].
 */
export function readLikePareaSdk(pieces: Buffer[]): (string | null)[] {
  const chunks: (string | null)[] = [];
  for (const piece of pieces) {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(piece);
    const line = text.split("\r\n").find((candidate) => candidate.startsWith("data:"));
    if (line === undefined) {
      chunks.push(null);
      continue;
    }
    const rest = line.split("data: ").join("");
    if (rest.startsWith("ID_START")) chunks.push("");
    else {
      try {
        chunks.push((JSON.parse(rest) as { chunk: string }).chunk);
      } catch {
        chunks.push(null);
      }
    }
  }
  return chunks;
}
