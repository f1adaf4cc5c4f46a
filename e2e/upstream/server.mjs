#!/usr/bin/env node
// @ts-check
/**
 * Test upstream: a loopback HTTP server speaking OpenAI's Chat Completions and Anthropic's Messages APIs, streaming
 * and not, that records every request (validated against the provider's schema) and misbehaves on demand through
 * the model name. See scenarios.mjs for the scenario names.
 *
 *   node e2e/upstream/server.mjs --port 4010
 *   OPENAI_BASE_URL=http://127.0.0.1:4010/v1 ANTHROPIC_BASE_URL=http://127.0.0.1:4010 ...
 *
 * Control endpoints: GET /__health, GET /__requests[?last=N], GET /__events, POST /__reset.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { anthropicNotFound, handleAnthropic, validateAnthropic } from "./anthropic.mjs";
import { handleOpenAI, loadOpenAISchema, openaiNotFound, validateOpenAI } from "./openai.mjs";
import { parseScenario } from "./scenarios.mjs";

/** @typedef {import("./scenarios.mjs").RecordedRequest} RecordedRequest */
/** @typedef {import("./scenarios.mjs").UpstreamEvent} UpstreamEvent */
/** @typedef {import("./scenarios.mjs").Ctx} Ctx */

/**
 * @typedef {object} Upstream
 * @property {string} url `http://127.0.0.1:PORT`, without a trailing slash.
 * @property {number} port
 * @property {() => Promise<void>} close Stops the server and drops open connections (hung requests included).
 * @property {RecordedRequest[]} requests Live list of recorded provider requests (control endpoints excluded).
 * @property {UpstreamEvent[]} events Live list of response outcomes.
 * @property {() => void} reset Empties `requests` and `events` in place.
 */

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<string>}
 */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error("body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {unknown} payload
 */
function json(res, status, payload) {
  const body = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Starts the test upstream on loopback.
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<Upstream>}
 */
export async function startUpstream({ port = 0, host = "127.0.0.1" } = {}) {
  loadOpenAISchema();
  /** @type {RecordedRequest[]} */
  const requests = [];
  /** @type {UpstreamEvent[]} */
  const events = [];
  let nextId = 1;

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   * @param {URL} url
   */
  function control(req, res, url) {
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /__health") return json(res, 200, { ok: true });
    if (route === "GET /__events") return json(res, 200, events);
    if (route === "POST /__reset") {
      reset();
      return json(res, 200, { ok: true });
    }
    if (route === "GET /__requests") {
      const last = url.searchParams.get("last");
      if (last === null) return json(res, 200, requests);
      const n = Math.max(1, Number.parseInt(last, 10) || 1);
      return json(res, 200, n === 1 ? (requests.at(-1) ?? null) : requests.slice(-n));
    }
    return json(res, 404, { error: `unknown control endpoint ${route}` });
  }

  function reset() {
    requests.length = 0;
    events.length = 0;
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handle(req, res) {
    const url = new URL(req.url ?? "/", "http://upstream.invalid");
    if (url.pathname.startsWith("/__")) return control(req, res, url);
    let raw;
    try {
      raw = await readBody(req);
    } catch {
      return void res.destroy();
    }
    const method = req.method ?? "GET";
    const route = `${method} ${url.pathname}`;
    const provider =
      route === "POST /v1/chat/completions" ? "openai" : route === "POST /v1/messages" ? "anthropic" : null;

    /** @type {any} */
    let body = null;
    /** @type {string | null} */
    let parseError = null;
    try {
      body = raw.length > 0 ? JSON.parse(raw) : null;
      if (raw.length === 0 && provider) parseError = "empty body";
    } catch (error) {
      parseError = error instanceof Error ? error.message : String(error);
    }
    const scenario = parseScenario(body?.model);
    /** @type {string[]} */
    let schemaErrors;
    if (!provider) schemaErrors = [`unknown endpoint: ${route}`];
    else if (parseError) schemaErrors = [`invalid JSON body: ${parseError}`];
    else schemaErrors = provider === "openai" ? validateOpenAI(body) : validateAnthropic(body);

    /** @type {RecordedRequest} */
    const record = {
      id: nextId++,
      time: Date.now(),
      method,
      path: url.pathname,
      headers: { ...req.headers },
      body,
      schemaErrors,
      scenario: provider ? scenario.name : "unknown-endpoint",
      status: null,
    };
    requests.push(record);

    /** @type {() => void} */
    let markClosed = () => {};
    /** @type {Ctx} */
    const ctx = {
      req,
      res,
      record,
      body,
      parseError,
      scenario,
      closed: false,
      whenClosed: new Promise((resolve) => (markClosed = resolve)),
      serverCut: false,
    };
    res.on("close", () => {
      ctx.closed = true;
      markClosed();
      if (ctx.serverCut) return;
      events.push({
        requestId: record.id,
        type: res.writableFinished ? "completed" : "closed-early",
        time: Date.now(),
      });
    });

    if (provider === "openai") return handleOpenAI(ctx);
    if (provider === "anthropic") return handleAnthropic(ctx);
    const anthropicLike =
      "x-api-key" in req.headers || "anthropic-version" in req.headers || url.pathname.includes("messages");
    record.status = 404;
    return json(res, 404, anthropicLike ? anthropicNotFound() : openaiNotFound(method, url.pathname));
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error("upstream: handler failed", error);
      if (!res.headersSent)
        json(res, 500, { error: { message: String(error), type: "server_error", param: null, code: null } });
      else res.destroy();
    });
  });
  // Hung scenarios must not be cut by Node's defaults; a test's client decides when to give up.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 30_000;

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;
  const hostPart = host.includes(":") ? `[${host}]` : host;

  let closing = /** @type {Promise<void> | null} */ (null);
  return {
    url: `http://${hostPart}:${boundPort}`,
    port: boundPort,
    requests,
    events,
    reset,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** @param {string[]} argv */
function parseArgs(argv) {
  const options = { port: 4010, host: "127.0.0.1" };
  for (let i = 0; i < argv.length; i++) {
    const arg = String(argv[i]);
    const [flag = "", inline] = arg.split("=", 2);
    if (flag !== "--port" && flag !== "--host") continue;
    const value = inline ?? String(argv[++i]);
    if (flag === "--port") options.port = Number(value);
    else options.host = value;
  }
  if (!Number.isInteger(options.port) || options.port < 0) throw new Error(`invalid --port ${options.port}`);
  return options;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const upstream = await startUpstream(parseArgs(process.argv.slice(2)));
  console.log(`upstream listening on ${upstream.url}`);
  const stop = () => {
    upstream.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
