// @ts-check
/** OpenAI Chat Completions (`POST /v1/chat/completions`): validation against OpenAI's schema, errors, answers. */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
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
  sseData,
  textLength,
  valueForSchema,
} from "./scenarios.mjs";

/** @typedef {import("./scenarios.mjs").Ctx} Ctx */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** @type {import("ajv").ValidateFunction | null} */
let validateSchema = null;

/** Compiles OpenAI's request schema once (`OPENAI_REQUEST_SCHEMA` overrides its location). */
export function loadOpenAISchema() {
  if (validateSchema) return validateSchema;
  const file =
    process.env.OPENAI_REQUEST_SCHEMA ??
    path.resolve(repoRoot, "../shared/specs/openai-chat-completion-request.schema.json");
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  validateSchema = ajv.compile(JSON.parse(fs.readFileSync(file, "utf8")));
  return validateSchema;
}

/**
 * Reasoning models (o-series, gpt-5 except the chat variants) reject `max_tokens` and a non-default temperature.
 * @param {unknown} model
 */
function isReasoningModel(model) {
  return typeof model === "string" && /^(o[1-9]|gpt-[5-9])($|[-.])/i.test(model) && !/chat/i.test(model);
}

/**
 * Everything OpenAI would reject in `body`: schema violations, then the rules the schema cannot express.
 * @param {unknown} body
 * @returns {string[]}
 */
export function validateOpenAI(body) {
  const validate = loadOpenAISchema();
  if (!validate(body)) {
    const messages = (validate.errors ?? []).map((e) => {
      const allowed = e.params && "allowedValues" in e.params ? ` (${e.params.allowedValues.join(", ")})` : "";
      return `${e.instancePath || "/"} ${e.message}${allowed}`;
    });
    return [...new Set(messages)];
  }
  const b = /** @type {Record<string, any>} */ (body);
  const errors = [];
  const tools = Array.isArray(b.tools) ? b.tools : [];
  if (b.stream_options != null && !b.stream) {
    errors.push("The 'stream_options' parameter is only allowed when 'stream' is enabled.");
  }
  if (b.tool_choice != null && tools.length === 0) {
    errors.push("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.");
  }
  if (b.parallel_tool_calls != null && tools.length === 0) {
    errors.push(
      "Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed when 'tools' are specified.",
    );
  }
  const forced = b.tool_choice?.function?.name;
  if (forced && tools.length > 0 && !tools.some((t) => t?.function?.name === forced)) {
    errors.push(
      `Invalid value for 'tool_choice': no function named '${forced}' was specified in the 'tools' parameter.`,
    );
  }
  tools.forEach((t, i) => {
    const name = t?.function?.name;
    if (typeof name === "string" && !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
      errors.push(
        `Invalid 'tools[${i}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      );
    }
  });
  if (isReasoningModel(b.model)) {
    if (b.max_tokens != null) {
      errors.push(
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      );
    }
    if (b.temperature != null && b.temperature !== 1) {
      errors.push(
        `Unsupported value: 'temperature' does not support ${b.temperature} with this model. Only the default (1) value is supported.`,
      );
    }
  }
  // Tool messages must answer the tool_calls of the assistant message right before them, and all of them.
  /** @type {Set<string>} */
  let pending = new Set();
  b.messages.forEach((/** @type {any} */ m, /** @type {number} */ i) => {
    if (m.role === "tool") {
      if (!pending.delete(m.tool_call_id)) {
        errors.push(
          `Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls' (messages[${i}]).`,
        );
      }
      return;
    }
    if (pending.size > 0) {
      errors.push(
        `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(", ")}`,
      );
    }
    pending = new Set(
      m.role === "assistant" && Array.isArray(m.tool_calls) ? m.tool_calls.map((/** @type {any} */ c) => c.id) : [],
    );
  });
  if (pending.size > 0 && b.messages.at(-1)?.role === "tool") {
    errors.push(
      `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${[...pending].join(", ")}`,
    );
  }
  return errors;
}

/**
 * @param {string} message
 * @param {string} type
 * @param {string | null} [code]
 */
export function openaiError(message, type, code = null) {
  return { error: { message, type, param: null, code } };
}

/** @param {string} key */
function maskKey(key) {
  return `${key.slice(0, 6)}*****${key.length > 10 ? key.slice(-4) : ""}`;
}

const MISSING_KEY =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";

/**
 * The error OpenAI returns with `status`, as `{ body, headers }`.
 * @param {number} status
 * @param {string} model
 * @param {string} key
 */
function errorFor(status, model, key) {
  switch (status) {
    case 401:
      return {
        body: openaiError(
          `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          "invalid_request_error",
          "invalid_api_key",
        ),
      };
    case 403:
      return {
        body: openaiError(
          "Country, region, or territory not supported",
          "request_forbidden",
          "unsupported_country_region_territory",
        ),
      };
    case 404:
      return {
        body: openaiError(
          `The model \`${model}\` does not exist or you do not have access to it.`,
          "invalid_request_error",
          "model_not_found",
        ),
      };
    case 429:
      return {
        body: openaiError(
          `Rate limit reached for ${model} in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 1s.`,
          "requests",
          "rate_limit_exceeded",
        ),
        headers: {
          "retry-after": "1",
          "x-ratelimit-limit-requests": "3",
          "x-ratelimit-remaining-requests": "0",
          "x-ratelimit-reset-requests": "1s",
        },
      };
    case 500:
      return {
        body: openaiError("The server had an error while processing your request. Sorry about that!", "server_error"),
      };
    case 503:
      return { body: openaiError("The engine is currently overloaded, please try again later", "server_error") };
    default:
      return {
        body: openaiError(`Upstream test error ${status}`, status < 500 ? "invalid_request_error" : "server_error"),
      };
  }
}

/** @param {Ctx} ctx */
export async function handleOpenAI(ctx) {
  const { req, body, scenario } = ctx;
  const headers = {
    "x-request-id": `req_${ctx.record.id}`,
    "openai-version": "2020-10-01",
    "openai-processing-ms": "1",
  };
  const key = /^Bearer\s+(\S+)/i.exec(String(req.headers.authorization ?? ""))?.[1] ?? "";
  if (!key) return sendJson(ctx, 401, openaiError(MISSING_KEY, "invalid_request_error"), headers);
  if (key.startsWith("sk-invalid")) return sendJson(ctx, 401, errorFor(401, "", key).body, headers);
  if (ctx.parseError) {
    const message = `We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)`;
    return sendJson(ctx, 400, openaiError(message, "invalid_request_error"), headers);
  }
  if (ctx.record.schemaErrors.length > 0) {
    const message = `Invalid request: ${ctx.record.schemaErrors.slice(0, 5).join("; ")}`;
    return sendJson(ctx, 400, openaiError(message, "invalid_request_error"), headers);
  }
  if (scenario.status) {
    const error = errorFor(scenario.status, body.model, key);
    return sendJson(ctx, scenario.status, error.body, { ...headers, ...error.headers });
  }

  const model = body.model;
  const messages = /** @type {any[]} */ (body.messages);
  const last = messages.at(-1);
  const tools = (Array.isArray(body.tools) ? body.tools : []).filter((/** @type {any} */ t) => t?.type === "function");
  const choice = body.tool_choice;
  const allowed = choice?.type === "allowed_tools" ? choice.allowed_tools?.tools?.[0]?.function?.name : undefined;
  const forcedName = choice?.type === "function" ? choice.function?.name : allowed;
  const toolResult = last?.role === "tool" || last?.role === "function";
  const tool =
    tools.length > 0 && choice !== "none" && !toolResult
      ? (tools.find((/** @type {any} */ t) => t.function.name === forcedName) ?? tools[0])
      : null;

  const id = makeId("chatcmpl-test", 8);
  const created = Math.floor(Date.now() / 1000);
  /** @type {string[]} */
  let pieces;
  let finish;
  /** @type {any} */
  let toolCall = null;
  if (tool) {
    const args = JSON.stringify(valueForSchema(tool.function.parameters ?? { type: "object" }));
    toolCall = { id: makeId("call_test"), type: "function", function: { name: tool.function.name, arguments: args } };
    pieces = splitEvery(args, 5);
    finish = "tool_calls";
  } else {
    let trailing = messages.length;
    while (trailing > 0 && ["tool", "function"].includes(messages[trailing - 1]?.role)) trailing--;
    const base = toolResult
      ? `Tool said: ${messages
          .slice(trailing)
          .map((m) => contentText(m.content))
          .join(" | ")}`
      : echoText(contentText(messages.findLast((m) => m.role === "user")?.content));
    const stops = body.stop == null ? [] : Array.isArray(body.stop) ? body.stop : [body.stop];
    const limited = applyLimits(replyTokens(scenario, base), {
      maxTokens: body.max_completion_tokens ?? body.max_tokens,
      stops,
    });
    pieces = limited.tokens;
    finish = limited.reason === "length" ? "length" : "stop";
  }
  const prompt = promptTokens(textLength(messages));
  const usage = {
    prompt_tokens: prompt,
    completion_tokens: pieces.length,
    total_tokens: prompt + pieces.length,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };

  if (!body.stream) {
    const message = toolCall
      ? { role: "assistant", content: null, tool_calls: [toolCall], refusal: null, annotations: [] }
      : { role: "assistant", content: pieces.join(""), refusal: null, annotations: [] };
    const payload = {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message, logprobs: null, finish_reason: finish }],
      usage,
      service_tier: "default",
      system_fingerprint: "fp_test",
    };
    const midError = { status: 500, body: errorFor(500, model, key).body };
    return runJson(ctx, payload, headers, pieces.length, midError);
  }

  const includeUsage = body.stream_options?.include_usage === true;
  const base = { id, object: "chat.completion.chunk", created, model, system_fingerprint: "fp_test" };
  const chunk = (/** @type {object} */ delta, /** @type {string | null} */ finishReason = null) =>
    sseData({
      ...base,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });
  const first = toolCall
    ? {
        role: "assistant",
        content: null,
        tool_calls: [{ index: 0, ...toolCall, function: { name: toolCall.function.name, arguments: "" } }],
        refusal: null,
      }
    : { role: "assistant", content: "", refusal: null };
  const tail = [chunk({}, finish)];
  if (includeUsage) tail.push(sseData({ ...base, choices: [], usage }));
  tail.push("data: [DONE]\n\n");
  await runStream(ctx, headers, {
    head: [chunk(first)],
    pieces,
    encode: (p) => chunk(toolCall ? { tool_calls: [{ index: 0, function: { arguments: p } }] } : { content: p }),
    tail,
    malformed: "data: {not json\n\n",
    midError: sseData({
      error: { message: "The server had an error while processing your request.", type: "server_error" },
    }),
  });
}

/**
 * 404 for an unknown path, in OpenAI's shape.
 * @param {string} method
 * @param {string} pathname
 */
export function openaiNotFound(method, pathname) {
  return openaiError(`Invalid URL (${method} ${pathname})`, "invalid_request_error");
}
