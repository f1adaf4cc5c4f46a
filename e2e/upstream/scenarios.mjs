// @ts-check
/**
 * Provider-neutral parts of the test upstream: which scenario a model name asks for, the deterministic reply text,
 * tool arguments built from a JSON schema, and the timing/failure machinery shared by both wire formats.
 */

/**
 * @typedef {object} Scenario
 * @property {string} name `normal`, `error-<status>`, `slow`, `long`, `bench`, `cut`, `cut-clean`, `malformed`,
 *   `mid-error`, `hang`, `hang-after-first` or `unicode`.
 * @property {number} delayMs Pause between two streamed pieces.
 * @property {number} [count] Number of text tokens to produce (slow, long-<n>, bench-<n>).
 * @property {number} [status] HTTP status for `error-<status>` scenarios.
 */

/**
 * @typedef {object} RecordedRequest
 * @property {number} id
 * @property {number} time Epoch milliseconds at which the body had been read.
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string | string[] | undefined>} headers Exactly as received (lower-cased names).
 * @property {any} body Parsed JSON, or null when the body was not JSON.
 * @property {string[]} schemaErrors Empty when the provider would have accepted the body.
 * @property {string} scenario
 * @property {number | null} status HTTP status sent, null while no headers have been sent.
 */

/**
 * @typedef {object} UpstreamEvent
 * @property {number} requestId
 * @property {"closed-early" | "completed"} type
 * @property {number} time Epoch milliseconds.
 */

/**
 * @typedef {object} Ctx
 * @property {import("node:http").IncomingMessage} req
 * @property {import("node:http").ServerResponse} res
 * @property {RecordedRequest} record
 * @property {any} body
 * @property {string | null} parseError
 * @property {Scenario} scenario
 * @property {boolean} closed True once the response closed (finished or client gone).
 * @property {Promise<void>} whenClosed
 * @property {boolean} serverCut True when we destroyed the socket on purpose (`cut`).
 */

/**
 * @typedef {object} StreamFrames Wire-format parts of one streamed answer, SSE-encoded.
 * @property {string[]} head Sent right after the headers (role chunk / message_start...).
 * @property {string[]} pieces Raw tokens or argument fragments, sent one event each, spaced by the scenario's delay.
 * @property {(piece: string) => string} encode Encodes one piece, lazily (bench streams can be huge).
 * @property {string[]} tail Finish, usage, terminator.
 * @property {string} malformed A line that is not valid JSON.
 * @property {string} midError The provider's in-stream error event.
 */

const FILLER = " The quick brown fox jumps over the lazy dog.";

/** The `unicode` scenario's reply, piece by piece: multi-byte characters alone in their chunk, plus SSE look-alikes. */
export const UNICODE_PIECES = [
  "h",
  "é",
  "llo",
  " w",
  "ö",
  "rld",
  " —",
  " 日",
  "本",
  "語",
  " ",
  "🎉",
  " data: ",
  "[DONE]",
  "\n\n",
  "data: ",
  '{"x":1}',
  " ok",
];
export const UNICODE_TEXT = UNICODE_PIECES.join("");

export function defaultDelayMs() {
  const value = Number(process.env.UPSTREAM_TOKEN_DELAY_MS ?? 1);
  return Number.isFinite(value) && value >= 0 ? value : 1;
}

/**
 * @param {string} model
 * @param {string} word
 */
function find(model, word) {
  return new RegExp(`(?<![a-z0-9])${word}(?![a-z0-9])`).exec(model);
}

/**
 * Reads the scenario from the model name; modifiers compose (`long-300-slow-5`, `cut-slow`).
 * @param {unknown} modelName
 * @returns {Scenario}
 */
export function parseScenario(modelName) {
  const model = String(modelName ?? "").toLowerCase();
  const slow = find(model, "slow(?:-(\\d+))?");
  const long = find(model, "long-(\\d+)");
  const bench = find(model, "bench-(\\d+)");
  const delayMs = bench ? 0 : slow ? (slow[1] ? Number(slow[1]) : 20) : defaultDelayMs();
  const count = long ? Number(long[1]) : bench ? Number(bench[1]) : slow ? 50 : undefined;
  const error = find(model, "error-(\\d{3})");
  if (error) return { name: `error-${error[1]}`, status: Number(error[1]), delayMs };
  if (find(model, "model-not-found")) return { name: "error-404", status: 404, delayMs };
  for (const name of ["hang-after-first", "hang", "cut-clean", "cut", "malformed", "mid-error", "unicode"]) {
    if (find(model, name)) return { name, delayMs, count };
  }
  const name = bench ? "bench" : long ? "long" : slow ? "slow" : "normal";
  return { name, delayMs, count };
}

/**
 * Word-ish tokens with leading whitespace attached: "Echo: hi." → ["Echo", ":", " hi", "."]. Joins back losslessly.
 * @param {string} text
 */
export function tokenize(text) {
  return text.match(/\s*(?:[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_])|\s+/gu) ?? [];
}

/**
 * The reply's tokens: `base` tokenized, padded with the pangram (or cut) to the scenario's count.
 * @param {Scenario} scenario
 * @param {string} base
 */
export function replyTokens(scenario, base) {
  if (scenario.name === "unicode") return [...UNICODE_PIECES];
  /** @type {string[]} */
  const tokens = tokenize(base);
  if (scenario.count == null) return tokens;
  if (tokens.length >= scenario.count) return tokens.slice(0, scenario.count);
  const filler = tokenize(FILLER);
  for (let i = 0; tokens.length < scenario.count; i++) tokens.push(/** @type {string} */ (filler[i % filler.length]));
  return tokens;
}

/** @param {string} lastUserText */
export function echoText(lastUserText) {
  return `Echo: ${lastUserText}.${FILLER}`;
}

/**
 * Applies stop sequences and the token limit the way a model does while generating.
 * @param {string[]} tokens
 * @param {{ maxTokens?: number | null, stops?: string[] }} limits
 * @returns {{ tokens: string[], reason: "end" | "length" | "stop", stopSequence: string | null }}
 */
export function applyLimits(tokens, { maxTokens, stops = [] }) {
  const full = tokens.join("");
  let stopAt = -1;
  /** @type {string | null} */
  let stopSequence = null;
  for (const stop of stops) {
    const at = stop ? full.indexOf(stop) : -1;
    if (at >= 0 && (stopAt < 0 || at < stopAt)) [stopAt, stopSequence] = [at, stop];
  }
  /** @type {string[]} */
  const out = [];
  let pos = 0;
  for (const token of tokens) {
    if (maxTokens != null && out.length >= maxTokens) return { tokens: out, reason: "length", stopSequence: null };
    if (stopAt >= 0 && pos + token.length > stopAt) {
      const part = token.slice(0, stopAt - pos);
      if (part) out.push(part);
      return { tokens: out, reason: "stop", stopSequence };
    }
    out.push(token);
    pos += token.length;
  }
  return { tokens: out, reason: "end", stopSequence: null };
}

/**
 * A deterministic value satisfying `schema`: "New York" for a `location`, "test" for other strings, first enum
 * value, 1, true; objects get their required properties.
 * @param {any} schema
 * @param {string} [name]
 * @returns {unknown}
 */
export function valueForSchema(schema, name = "") {
  if (!schema || typeof schema !== "object") return name === "location" ? "New York" : "test";
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (Array.isArray(options) && options.length > 0) {
    return valueForSchema(options.find((o) => o?.type !== "null") ?? options[0], name);
  }
  let type = Array.isArray(schema.type)
    ? (schema.type.find((/** @type {string} */ t) => t !== "null") ?? "null")
    : schema.type;
  if (!type && schema.properties) type = "object";
  switch (type) {
    case "object": {
      /** @type {Record<string, unknown>} */
      const out = {};
      for (const key of Array.isArray(schema.required) ? schema.required : []) {
        out[key] = valueForSchema(schema.properties?.[key], key);
      }
      return out;
    }
    case "array":
      return [valueForSchema(schema.items, name)];
    case "number":
    case "integer":
      return 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return name === "location" ? "New York" : "test";
  }
}

/**
 * @param {string} text
 * @param {number} size
 */
export function splitEvery(text, size) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [""];
}

/**
 * Sum of the text lengths in a message list (strings, text parts, nested tool-result content), for usage counts.
 * @param {unknown} value
 * @returns {number}
 */
export function textLength(value) {
  if (typeof value === "string") return value.length;
  if (Array.isArray(value)) return value.reduce((/** @type {number} */ sum, item) => sum + textLength(item), 0);
  if (value && typeof value === "object") {
    const v = /** @type {Record<string, unknown>} */ (value);
    return textLength(v.text) + textLength(v.content);
  }
  return 0;
}

/** @param {number} chars */
export function promptTokens(chars) {
  return Math.max(1, Math.ceil(chars / 4));
}

/**
 * Text of a content value: a string, or its text parts/blocks joined.
 * @param {unknown} content
 * @returns {string}
 */
export function contentText(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === "string" ? part : contentText(part?.text ?? part?.content))).join("");
  }
  return "";
}

let counter = 0;
/**
 * Deterministic-looking unique ids: `prefix` + a fixed-width base-36 counter.
 * @param {string} prefix
 * @param {number} [width]
 */
export function makeId(prefix, width = 24) {
  counter += 1;
  return `${prefix}${counter.toString(36).padStart(width, "0")}`;
}

/**
 * @param {Ctx} ctx
 * @param {number} status
 * @param {Record<string, string | number>} [headers]
 */
export function writeHead(ctx, status, headers = {}) {
  ctx.record.status = status;
  ctx.res.writeHead(status, headers);
}

/**
 * @param {Ctx} ctx
 * @param {number} status
 * @param {unknown} payload
 * @param {Record<string, string | number>} [headers]
 */
export function sendJson(ctx, status, payload, headers = {}) {
  if (ctx.closed) return;
  const body = JSON.stringify(payload);
  writeHead(ctx, status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  ctx.res.end(body);
}

/**
 * Writes one chunk, waiting for 'drain' when the socket buffer is full. Resolves false once the client is gone.
 * @param {Ctx} ctx
 * @param {string} chunk
 * @returns {boolean | Promise<boolean>}
 */
export function write(ctx, chunk) {
  const { res } = ctx;
  if (ctx.closed || res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve(!ctx.closed && !res.destroyed);
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/**
 * Waits `ms`, or less when the client goes away.
 * @param {Ctx} ctx
 * @param {number} ms
 */
export function pause(ctx, ms) {
  if (ms <= 0 || ctx.closed) return Promise.resolve();
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  return Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, ms))), ctx.whenClosed]).finally(() =>
    clearTimeout(timer),
  );
}

/** After how many pieces `cut`, `cut-clean`, `malformed` and `mid-error` strike. */
const STRIKE_AFTER = 3;

/**
 * Streams `frames` as Server-Sent Events, applying the scenario's timing and failure mode.
 * @param {Ctx} ctx
 * @param {Record<string, string>} headers
 * @param {StreamFrames} frames
 */
export async function runStream(ctx, headers, frames) {
  const { res, scenario } = ctx;
  if (scenario.name === "hang") return void (await ctx.whenClosed);
  writeHead(ctx, 200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...headers });
  res.flushHeaders();
  for (const frame of frames.head) if (!(await write(ctx, frame))) return;
  const strikeAt = Math.min(STRIKE_AFTER, frames.pieces.length);
  for (let i = 0; i < frames.pieces.length; i++) {
    if (i > 0) await pause(ctx, scenario.delayMs);
    if (!(await write(ctx, frames.encode(/** @type {string} */ (frames.pieces[i]))))) return;
    if (scenario.name === "hang-after-first") return void (await ctx.whenClosed);
    if (i + 1 !== strikeAt) continue;
    if (scenario.name === "cut") {
      ctx.serverCut = true;
      // Let the written chunks leave before the connection dies, so the client sees a partial stream.
      await pause(ctx, 20);
      res.socket?.destroy();
      return;
    }
    if (scenario.name === "cut-clean") return void res.end();
    if (scenario.name === "malformed" && !(await write(ctx, frames.malformed))) return;
    if (scenario.name === "mid-error") {
      await write(ctx, frames.midError);
      return void res.end();
    }
  }
  for (const frame of frames.tail) if (!(await write(ctx, frame))) return;
  res.end();
}

/**
 * Sends a non-streamed answer under the scenario's failure mode; `midError` is the provider's error response used
 * by `mid-error` (which has no "middle" without a stream).
 * @param {Ctx} ctx
 * @param {unknown} payload
 * @param {Record<string, string>} headers
 * @param {number} pieces How many tokens the answer took: it is delayed as long as streaming it would have taken.
 * @param {{ status: number, body: unknown }} midError
 */
export async function runJson(ctx, payload, headers, pieces, midError) {
  const { res, scenario } = ctx;
  if (scenario.name === "hang") return void (await ctx.whenClosed);
  if (scenario.name === "hang-after-first") {
    writeHead(ctx, 200, { "content-type": "application/json", ...headers });
    res.flushHeaders();
    return void (await ctx.whenClosed);
  }
  await pause(ctx, scenario.delayMs * Math.max(0, pieces - 1));
  if (ctx.closed) return;
  if (scenario.name === "mid-error") return sendJson(ctx, midError.status, midError.body, headers);
  const body = JSON.stringify(payload);
  if (scenario.name === "cut" || scenario.name === "cut-clean" || scenario.name === "malformed") {
    writeHead(ctx, 200, { "content-type": "application/json", ...headers });
    if (scenario.name === "malformed") return void res.end(`{not json${body}`);
    await write(ctx, body.slice(0, Math.floor(body.length / 2)));
    if (scenario.name === "cut-clean") return void res.end();
    ctx.serverCut = true;
    await pause(ctx, 20);
    res.socket?.destroy();
    return;
  }
  sendJson(ctx, 200, payload, headers);
}

/**
 * @param {string} event
 * @param {unknown} data
 */
export function sseEvent(event, data) {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** @param {unknown} data */
export function sseData(data) {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}
