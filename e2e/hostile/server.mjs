// @ts-check
/**
 * A hostile "provider" on loopback, for the security tests: it records every request (headers included), echoes the
 * credentials it received back in its answers, redirects, and streams attacker-sized output. A test names what it
 * wants in the base URL's first path segment, so one server serves every scenario at once:
 *
 *   http://127.0.0.1:PORT/<scenario>/v1          (OpenAI: …/chat/completions; Anthropic: …/messages)
 *
 *   echo              a normal stream whose text is the credential headers received (authorization, x-api-key, …)
 *   redirect-<code>   answers <code> with Location from `?to=` of the base URL, or /__secret on this server
 *   mid-error-echo    streams two pieces, then an in-stream error event whose message holds the credential
 *   plain-error-echo  a 500 with a text/plain body of 400 filler characters followed by the credential
 *   huge-<bytes>      streams <bytes> of text as fast as the client reads, in 16 KiB pieces
 *   slow-huge-<bytes> the same, as fast as the socket accepts, without waiting for the reader (backpressure test)
 *
 * Control routes: GET /__requests (what was received), POST /__reset, GET /__secret (a body a redirect must not
 * leak: "HOSTILE-SECRET-BODY"), GET /__health.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** @typedef {{ id: number, method: string, path: string, scenario: string, headers: Record<string, unknown>, body: any }} HostileRequest */

const CREDENTIAL_HEADERS = ["authorization", "x-api-key", "api-key", "x-goog-api-key"];
export const SECRET_BODY = "HOSTILE-SECRET-BODY";

/** @param {http.IncomingMessage} req */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on("data", (chunk) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** @param {http.IncomingHttpHeaders} headers */
function credentials(headers) {
  return CREDENTIAL_HEADERS.filter((name) => headers[name] !== undefined)
    .map((name) => `${name}=${headers[name]}`)
    .join(" ");
}

/** @param {unknown} value */
const sse = (value) => `data: ${JSON.stringify(value)}\n\n`;

/** The frames of one streamed answer in either protocol. */
function protocol(/** @type {"openai" | "anthropic"} */ kind, /** @type {string} */ model) {
  if (kind === "openai") {
    const base = { id: "chatcmpl-hostile", object: "chat.completion.chunk", created: 1, model };
    return {
      head: [sse({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] })],
      piece: (/** @type {string} */ text) =>
        sse({ ...base, choices: [{ index: 0, delta: { content: text }, finish_reason: null }] }),
      tail: [
        sse({ ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
        sse({ ...base, choices: [], usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 } }),
        "data: [DONE]\n\n",
      ],
      error: (/** @type {string} */ message) => sse({ error: { message, type: "server_error", code: null } }),
    };
  }
  const event = (/** @type {string} */ type, /** @type {unknown} */ data) =>
    `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
  return {
    head: [
      event("message_start", {
        type: "message_start",
        message: {
          id: "msg_hostile",
          type: "message",
          role: "assistant",
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 3, output_tokens: 1 },
        },
      }),
      event("content_block_start", {
        type: "content_block_start",
        index: 0,
        content_block: { type: "text", text: "" },
      }),
    ],
    piece: (/** @type {string} */ text) =>
      event("content_block_delta", { type: "content_block_delta", index: 0, delta: { type: "text_delta", text } }),
    tail: [
      event("content_block_stop", { type: "content_block_stop", index: 0 }),
      event("message_delta", {
        type: "message_delta",
        delta: { stop_reason: "end_turn", stop_sequence: null },
        usage: { output_tokens: 3 },
      }),
      event("message_stop", { type: "message_stop" }),
    ],
    error: (/** @type {string} */ message) => event("error", { type: "error", error: { type: "api_error", message } }),
  };
}

/** @param {{ port?: number, host?: string }} options */
export async function startHostile({ port = 0, host = "127.0.0.1" } = {}) {
  /** @type {HostileRequest[]} */
  const requests = [];
  let nextId = 1;

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  async function handle(req, res) {
    const url = new URL(req.url ?? "/", "http://hostile.invalid");
    if (url.pathname === "/__health") return void res.end("ok");
    if (url.pathname === "/__secret") return void res.end(SECRET_BODY);
    if (url.pathname === "/__requests") {
      res.setHeader("content-type", "application/json");
      return void res.end(JSON.stringify(requests));
    }
    if (url.pathname === "/__reset") {
      requests.length = 0;
      return void res.end("ok");
    }
    const raw = await readBody(req);
    /** @type {any} */
    let body = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = raw;
    }
    const scenario = url.pathname.split("/")[1] ?? "";
    requests.push({
      id: nextId++,
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      scenario,
      headers: { ...req.headers },
      body,
    });
    const kind = url.pathname.endsWith("/messages") ? "anthropic" : "openai";
    const frames = protocol(kind, String(body?.model ?? "hostile"));
    const echoed = credentials(req.headers);

    const redirect = /^redirect-(\d{3})$/.exec(scenario);
    if (redirect) {
      const to = url.searchParams.get("to") ?? `http://${req.headers.host}/__secret`;
      res.writeHead(Number(redirect[1]), { location: to });
      return void res.end();
    }
    if (scenario === "plain-error-echo") {
      res.writeHead(500, { "content-type": "text/plain" });
      return void res.end(`${"x".repeat(400)} ${echoed}`);
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (const frame of frames.head) res.write(frame);
    if (scenario === "echo") {
      res.write(frames.piece(`credentials: ${echoed}`));
      for (const frame of frames.tail) res.write(frame);
      return void res.end();
    }
    if (scenario === "mid-error-echo") {
      res.write(frames.piece("one "));
      res.write(frames.piece("two "));
      res.write(frames.error(`${"y".repeat(400)} upstream failed for ${echoed}`));
      return void res.end();
    }
    const huge = /^(slow-)?huge-(\d+)$/.exec(scenario);
    if (huge) {
      const total = Number(huge[2]);
      const ignoreBackpressure = huge[1] !== undefined;
      const piece = frames.piece("z".repeat(16 * 1024));
      let sent = 0;
      let closed = false;
      res.on("close", () => (closed = true));
      while (sent < total && !closed) {
        const ok = res.write(piece);
        sent += 16 * 1024;
        if (!ok && !ignoreBackpressure) await new Promise((resolve) => res.once("drain", resolve));
        else if (!ok) await new Promise((resolve) => setImmediate(resolve));
      }
      if (!closed) for (const frame of frames.tail) res.write(frame);
      return void res.end();
    }
    res.write(frames.piece(`unknown hostile scenario "${scenario}"`));
    for (const frame of frames.tail) res.write(frame);
    res.end();
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.requestTimeout = 0;
  await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)));
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://${host}:${boundPort}`,
    port: boundPort,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const portArg = process.argv.indexOf("--port");
  const hostile = await startHostile({ port: portArg > 0 ? Number(process.argv[portArg + 1]) : 4099 });
  console.log(`hostile provider listening on ${hostile.url}`);
  process.once("SIGTERM", () => hostile.close().then(() => process.exit(0)));
}
