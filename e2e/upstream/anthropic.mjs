// @ts-check
/** Anthropic Messages (`POST /v1/messages`): hand-written validation of the essentials, errors, answers. */
import {
  applyLimits,
  contentText,
  echoText,
  makeId,
  promptTokens,
  replyTokens,
  runJson,
  runStream,
  sendJson,
  splitEvery,
  sseEvent,
  textLength,
  valueForSchema,
} from "./scenarios.mjs";

/** @typedef {import("./scenarios.mjs").Ctx} Ctx */

/** Chat Completions parameters Anthropic rejects with "Extra inputs are not permitted". */
const OPENAI_ONLY = [
  "frequency_penalty",
  "presence_penalty",
  "n",
  "logprobs",
  "top_logprobs",
  "logit_bias",
  "response_format",
  "seed",
  "max_completion_tokens",
  "stream_options",
  "user",
  "parallel_tool_calls",
  "functions",
  "function_call",
];

/** @param {unknown} v */
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * @param {unknown} v
 * @param {number} min
 * @param {number} max
 */
const inRange = (v, min, max) => typeof v === "number" && Number.isFinite(v) && v >= min && v <= max;

/**
 * Validates a message's content blocks; returns the tool_use / tool_result ids it holds.
 * @param {any} content
 * @param {string} at
 * @param {string[]} errors
 */
function checkBlocks(content, at, errors) {
  /** @type {{ uses: string[], results: string[] }} */
  const ids = { uses: [], results: [] };
  for (const [j, block] of content.entries()) {
    const where = `${at}.content.${j}`;
    if (!isObject(block) || typeof block.type !== "string") {
      errors.push(`${where}: Input should be a valid content block`);
    } else if (block.type === "text" && (typeof block.text !== "string" || block.text.length === 0)) {
      errors.push(`${where}: text content blocks must be non-empty`);
    } else if (block.type === "image" && !isObject(block.source)) {
      errors.push(`${where}.image.source: Field required`);
    } else if (block.type === "tool_use") {
      if (typeof block.id !== "string" || typeof block.name !== "string")
        errors.push(`${where}.tool_use: id and name are required`);
      if (!isObject(block.input)) errors.push(`${where}.tool_use.input: Input should be a valid dictionary`);
      ids.uses.push(block.id);
    } else if (block.type === "tool_result") {
      if (typeof block.tool_use_id !== "string") errors.push(`${where}.tool_result.tool_use_id: Field required`);
      if (block.content != null && typeof block.content !== "string" && !Array.isArray(block.content)) {
        errors.push(`${where}.tool_result.content: Input should be a valid string or list`);
      }
      ids.results.push(block.tool_use_id);
    }
  }
  return ids;
}

/**
 * Everything Anthropic would reject in `body`, checked by hand for the fields that matter to us.
 * @param {unknown} body
 * @returns {string[]}
 */
export function validateAnthropic(body) {
  if (!isObject(body)) return ["Input should be a valid dictionary"];
  const b = /** @type {Record<string, any>} */ (body);
  /** @type {string[]} */
  const errors = [];
  if (typeof b.model !== "string" || b.model.length === 0) errors.push("model: Field required");
  if (b.max_tokens === undefined) errors.push("max_tokens: Field required");
  else if (!Number.isInteger(b.max_tokens) || b.max_tokens < 1)
    errors.push("max_tokens: Input should be an integer greater than or equal to 1");
  for (const key of OPENAI_ONLY) if (key in b) errors.push(`${key}: Extra inputs are not permitted`);
  if (!Array.isArray(b.messages)) errors.push("messages: Field required");
  else if (b.messages.length === 0) errors.push("messages: at least one message is required");
  else {
    /** @type {string[]} */
    let openUses = [];
    for (const [i, m] of /** @type {[number, any][]} */ ([...b.messages.entries()])) {
      const at = `messages.${i}`;
      if (!isObject(m)) {
        errors.push(`${at}: Input should be a valid dictionary`);
        continue;
      }
      if (m.role !== "user" && m.role !== "assistant") errors.push(`${at}.role: Input should be 'user' or 'assistant'`);
      const final = i === b.messages.length - 1 && m.role === "assistant";
      /** @type {{ uses: string[], results: string[] }} */
      let ids = { uses: [], results: [] };
      if (typeof m.content === "string") {
        if (m.content.length === 0 && !final)
          errors.push(
            `${at}: all messages must have non-empty content except for the optional final assistant message`,
          );
      } else if (Array.isArray(m.content)) {
        if (m.content.length === 0 && !final)
          errors.push(
            `${at}: all messages must have non-empty content except for the optional final assistant message`,
          );
        ids = checkBlocks(m.content, at, errors);
      } else errors.push(`${at}.content: Input should be a valid string or list`);
      const unexpected = ids.results.filter((id) => !openUses.includes(id));
      if (unexpected.length > 0) {
        errors.push(
          `${at}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${unexpected.join(", ")}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
      const unanswered = openUses.filter((id) => !ids.results.includes(id));
      if (unanswered.length > 0) {
        errors.push(
          `messages.${i - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
      openUses = m.role === "assistant" ? ids.uses : [];
    }
  }
  if (b.system !== undefined && typeof b.system !== "string") {
    if (
      !Array.isArray(b.system) ||
      b.system.some((/** @type {any} */ s) => s?.type !== "text" || typeof s.text !== "string")
    ) {
      errors.push("system: Input should be a valid string or a list of text blocks");
    }
  }
  if (b.temperature != null && !inRange(b.temperature, 0, 1))
    errors.push("temperature: Input should be a number between 0 and 1");
  if (b.top_p != null && !inRange(b.top_p, 0, 1)) errors.push("top_p: Input should be a number between 0 and 1");
  if (b.top_k != null && (!Number.isInteger(b.top_k) || b.top_k < 0))
    errors.push("top_k: Input should be a non-negative integer");
  if (b.stream != null && typeof b.stream !== "boolean") errors.push("stream: Input should be a valid boolean");
  if (
    b.stop_sequences != null &&
    (!Array.isArray(b.stop_sequences) || b.stop_sequences.some((/** @type {unknown} */ s) => typeof s !== "string"))
  ) {
    errors.push("stop_sequences: Input should be a valid list of strings");
  }
  if (b.tools != null) {
    if (!Array.isArray(b.tools)) errors.push("tools: Input should be a valid list");
    else
      for (const [i, t] of /** @type {[number, any][]} */ ([...b.tools.entries()])) {
        if (!isObject(t) || typeof t.name !== "string") errors.push(`tools.${i}.name: Field required`);
        else if (t.type !== undefined && t.type !== "custom")
          continue; // server tools (web_search_...) differ
        else if (!/^[a-zA-Z0-9_-]{1,128}$/.test(t.name)) {
          errors.push(`tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
        } else if (!isObject(t.input_schema)) errors.push(`tools.${i}.custom.input_schema: Field required`);
        else if (t.input_schema.type !== "object")
          errors.push(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
      }
  }
  if (b.tool_choice != null) {
    const c = b.tool_choice;
    if (!isObject(c) || !["auto", "any", "tool", "none"].includes(c.type)) {
      errors.push("tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
    } else if (c.type === "tool" && typeof c.name !== "string") errors.push("tool_choice.tool.name: Field required");
    else if (c.disable_parallel_tool_use != null && typeof c.disable_parallel_tool_use !== "boolean") {
      errors.push(`tool_choice.${c.type}.disable_parallel_tool_use: Input should be a valid boolean`);
    }
  }
  if (isObject(b.thinking) && b.thinking.type === "enabled") {
    const budget = b.thinking.budget_tokens;
    if (!Number.isInteger(budget) || budget < 1024)
      errors.push("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
    else if (Number.isInteger(b.max_tokens) && b.max_tokens <= budget)
      errors.push("`max_tokens` must be greater than `thinking.budget_tokens`");
  }
  return errors;
}

/**
 * @param {string} type
 * @param {string} message
 */
export function anthropicError(type, message) {
  return { type: "error", error: { type, message } };
}

/**
 * @param {number} status
 * @param {string} model
 * @returns {{ body: object, headers?: Record<string, string> }}
 */
function errorFor(status, model) {
  const retry = { "x-should-retry": "true" };
  switch (status) {
    case 400:
      return { body: anthropicError("invalid_request_error", "Invalid request") };
    case 401:
      return { body: anthropicError("authentication_error", "invalid x-api-key") };
    case 403:
      return {
        body: anthropicError(
          "permission_error",
          "Your API key does not have permission to use the specified resource.",
        ),
      };
    case 404:
      return { body: anthropicError("not_found_error", `model: ${model}`) };
    case 413:
      return { body: anthropicError("request_too_large", "Request exceeds the maximum allowed number of bytes.") };
    case 429:
      return {
        body: anthropicError(
          "rate_limit_error",
          "This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.",
        ),
        headers: {
          ...retry,
          "retry-after": "1",
          "anthropic-ratelimit-requests-limit": "50",
          "anthropic-ratelimit-requests-remaining": "0",
        },
      };
    case 500:
      return { body: anthropicError("api_error", "Internal server error"), headers: retry };
    case 503:
    case 529:
      return { body: anthropicError("overloaded_error", "Overloaded"), headers: retry };
    default:
      return {
        body: anthropicError(status < 500 ? "invalid_request_error" : "api_error", `Upstream test error ${status}`),
      };
  }
}

/** @param {Ctx} ctx */
export async function handleAnthropic(ctx) {
  const { req, body, scenario } = ctx;
  const headers = { "request-id": `req_${ctx.record.id}` };
  const key = String(req.headers["x-api-key"] ?? "");
  if (!key) return sendJson(ctx, 401, anthropicError("authentication_error", "x-api-key header is required"), headers);
  if (key.startsWith("sk-invalid")) return sendJson(ctx, 401, errorFor(401, "").body, headers);
  if (!req.headers["anthropic-version"]) {
    return sendJson(
      ctx,
      400,
      anthropicError("invalid_request_error", "anthropic-version: header is required"),
      headers,
    );
  }
  if (ctx.parseError)
    return sendJson(
      ctx,
      400,
      anthropicError("invalid_request_error", `There was an error parsing the body: ${ctx.parseError}`),
      headers,
    );
  if (ctx.record.schemaErrors.length > 0) {
    return sendJson(
      ctx,
      400,
      anthropicError("invalid_request_error", ctx.record.schemaErrors.slice(0, 5).join("; ")),
      headers,
    );
  }
  if (scenario.status) {
    const error = errorFor(scenario.status, body.model);
    return sendJson(ctx, scenario.status, error.body, { ...headers, ...error.headers });
  }

  const model = body.model;
  const messages = /** @type {any[]} */ (body.messages);
  const last = messages.at(-1);
  const results = Array.isArray(last?.content)
    ? last.content.filter((/** @type {any} */ b) => b?.type === "tool_result")
    : [];
  const tools = (Array.isArray(body.tools) ? body.tools : []).filter((/** @type {any} */ t) => t.input_schema);
  const choice = body.tool_choice;
  const tool =
    tools.length > 0 && choice?.type !== "none" && results.length === 0
      ? (tools.find((/** @type {any} */ t) => choice?.type === "tool" && t.name === choice.name) ?? tools[0])
      : null;

  const id = makeId("msg_01test", 14);
  /** @type {string[]} */
  let pieces;
  let stopReason;
  /** @type {string | null} */
  let stopSequence = null;
  /** @type {any} */
  let toolUse = null;
  if (tool) {
    toolUse = {
      type: "tool_use",
      id: makeId("toolu_01test"),
      name: tool.name,
      input: valueForSchema(tool.input_schema),
    };
    pieces = ["", ...splitEvery(JSON.stringify(toolUse.input), 5)];
    stopReason = "tool_use";
  } else {
    const base = results.length
      ? `Tool said: ${results.map((/** @type {any} */ r) => contentText(r.content)).join(" | ")}`
      : echoText(contentText(messages.findLast((m) => m.role === "user")?.content));
    const limited = applyLimits(replyTokens(scenario, base), {
      maxTokens: body.max_tokens,
      stops: body.stop_sequences ?? [],
    });
    pieces = limited.tokens;
    stopReason = { end: "end_turn", length: "max_tokens", stop: "stop_sequence" }[limited.reason];
    stopSequence = limited.stopSequence;
  }
  const usage = {
    input_tokens: promptTokens(textLength(messages) + textLength(body.system)),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
  const outputTokens = pieces.filter((p) => p !== "").length;

  if (!body.stream) {
    const content = toolUse ? [toolUse] : [{ type: "text", text: pieces.join("") }];
    const payload = {
      id,
      type: "message",
      role: "assistant",
      model,
      content,
      stop_reason: stopReason,
      stop_sequence: stopSequence,
      usage: { ...usage, output_tokens: outputTokens },
    };
    return runJson(ctx, payload, headers, pieces.length, { status: 529, body: errorFor(529, model).body });
  }

  const block = toolUse ? { ...toolUse, input: {} } : { type: "text", text: "" };
  await runStream(ctx, headers, {
    head: [
      sseEvent("message_start", {
        type: "message_start",
        message: {
          id,
          type: "message",
          role: "assistant",
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...usage, output_tokens: 1 },
        },
      }),
      sseEvent("content_block_start", { type: "content_block_start", index: 0, content_block: block }),
      sseEvent("ping", { type: "ping" }),
    ],
    pieces,
    encode: (p) =>
      sseEvent("content_block_delta", {
        type: "content_block_delta",
        index: 0,
        delta: toolUse ? { type: "input_json_delta", partial_json: p } : { type: "text_delta", text: p },
      }),
    tail: [
      sseEvent("content_block_stop", { type: "content_block_stop", index: 0 }),
      sseEvent("message_delta", {
        type: "message_delta",
        delta: { stop_reason: stopReason, stop_sequence: stopSequence },
        usage: { output_tokens: outputTokens },
      }),
      sseEvent("message_stop", { type: "message_stop" }),
    ],
    malformed: "event: content_block_delta\ndata: {not json\n\n",
    midError: sseEvent("error", anthropicError("overloaded_error", "Overloaded")),
  });
}

export function anthropicNotFound() {
  return anthropicError("not_found_error", "Not Found");
}
