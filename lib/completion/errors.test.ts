import { APICallError } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { CompletionError, providerText, redact, redactError, toCompletionError, validationError } from "./errors";

const KEY = "sk-proj-Zx81abcdefGHIJ";
const CONTEXT = { provider: "openai", model: "gpt-4o-mini", apiKey: KEY };
/** A key with no known shape (no sk- prefix), so only the given-secret rule can catch it. */
const OPAQUE = "Opaque7Key-1234567890abcdef";

/** True when any 8+ character start of the key shows in the text. */
const showsKeyStart = (text: string, key: string) => text.includes(key.slice(0, 8));

function apiError(
  statusCode: number,
  upstream: string,
  options: { headers?: Record<string, string>; data?: unknown; raw?: boolean } = {},
): APICallError {
  return new APICallError({
    message: `status ${statusCode}`,
    url: "https://api.openai.com/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseBody: options.raw ? upstream : JSON.stringify({ error: { message: upstream, type: "x" } }),
    responseHeaders: options.headers ?? {},
    data: options.data,
  });
}

describe("redact", () => {
  it("removes the given secret wherever it appears", () => {
    expect(redact("key=abcd1234efgh, again abcd1234efgh.", ["abcd1234efgh"])).toBe("key=[redacted], again [redacted].");
  });

  it("removes key-shaped strings even when not given", () => {
    expect(redact("bad key sk-abcdefgh12345678 here")).toBe("bad key [redacted] here");
    expect(redact("anthropic sk-ant-api03-AbC_dEf-1234")).toBe("anthropic [redacted]");
    expect(redact("groq gsk_ABCDEFGH12345678 aws AKIAABCDEFGHIJKLMNOP")).toBe("groq [redacted] aws [redacted]");
    expect(redact("google AIzaSyA-1234567890abcdefghijk")).toBe("google [redacted]");
  });

  it("removes any start of a given secret of 8+ characters, as a provider or a cut leaves it", () => {
    expect(redact(`cut at ${OPAQUE.slice(0, 12)}`, [OPAQUE])).toBe("cut at [redacted]");
    expect(redact(`two ${OPAQUE} and ${OPAQUE.slice(0, 8)}…`, [OPAQUE])).toBe("two [redacted] and [redacted]…");
    // Seven characters are not the key's start any more than any other word.
    expect(redact(`short ${OPAQUE.slice(0, 7)}`, [OPAQUE])).toBe(`short ${OPAQUE.slice(0, 7)}`);
  });

  it("leaves ordinary text, short secrets and masked keys alone", () => {
    expect(redact("task-force and sk-short", [undefined, "ab"])).toBe("task-force and sk-short");
    expect(redact("Incorrect API key provided: sk-proj-****abcd.")).toBe(
      "Incorrect API key provided: sk-proj-****abcd.",
    );
  });
});

describe("providerText and redactError", () => {
  it("redacts before it cuts, so a cut inside the key leaves no start of it", () => {
    const text = `${"x".repeat(290)} ${OPAQUE}`;
    const shown = providerText(text, [OPAQUE]);
    expect(showsKeyStart(shown, OPAQUE)).toBe(false);
    expect(shown.length).toBeLessThanOrEqual(301);
  });

  it("redacts a mid-stream error's message and detail with every secret given", () => {
    const error = new CompletionError(502, "upstream_stream_error", `mid-stream: bad ${OPAQUE} and ${KEY}`, {
      provider: "openai",
      detail: [{ loc: ["body"], msg: `echo ${OPAQUE}`, type: "x" }],
    });
    const clean = redactError(error, [undefined, OPAQUE]);
    expect(clean.message).toBe("mid-stream: bad [redacted] and [redacted]");
    expect(clean.extra.detail?.[0]?.msg).toBe("echo [redacted]");
    expect(clean).toMatchObject({ status: 502, type: "upstream_stream_error", extra: { provider: "openai" } });
  });
});

describe("validationError", () => {
  it("is a 422 with the detail list and a summary naming each path", () => {
    const error = validationError([{ loc: ["body", "llm_configuration", "model"], msg: "required", type: "missing" }]);
    expect(error.status).toBe(422);
    expect(error.type).toBe("validation_error");
    expect(error.message).toBe("Invalid request: body.llm_configuration.model: required");
    expect(error.toJSON().detail).toEqual([
      { loc: ["body", "llm_configuration", "model"], msg: "required", type: "missing" },
    ]);
  });
});

describe("toCompletionError", () => {
  it.each([
    [401, 401, "authentication_error"],
    [403, 403, "permission_denied"],
    [404, 404, "model_not_found"],
    [429, 429, "rate_limited"],
    [500, 502, "upstream_error"],
    [503, 502, "upstream_error"],
    [400, 400, "invalid_request"],
    [422, 422, "invalid_request"],
    [409, 400, "invalid_request"],
  ])("maps upstream %i to %i %s, keeping the upstream's message and never the key", (upstream, status, type) => {
    const error = toCompletionError(
      apiError(upstream, `Something went wrong with key ${KEY} (upstream says)`),
      CONTEXT,
    );
    expect(error).toBeInstanceOf(CompletionError);
    expect(error.status).toBe(status);
    expect(error.type).toBe(type);
    expect(error.message).toContain("Something went wrong with key [redacted] (upstream says)");
    expect(error.message).toContain(`(${upstream})`);
    expect(error.message).not.toContain(KEY);
    expect(JSON.stringify(error.toJSON())).not.toContain(KEY);
    expect(error.extra).toMatchObject({ provider: "openai", upstreamStatus: upstream });
  });

  it("names the provider and the model on a 404", () => {
    const error = toCompletionError(apiError(404, "The model `gpt-9` does not exist"), { ...CONTEXT, model: "gpt-9" });
    expect(error.message).toBe(
      'openai has no model "gpt-9" or no such endpoint (404): The model `gpt-9` does not exist',
    );
  });

  it("redacts a key the provider echoes in a raw (non-JSON) body", () => {
    const error = toCompletionError(apiError(401, `<html>bad key ${KEY}</html>`, { raw: true }), CONTEXT);
    expect(error.message).toBe("openai rejected the API key (401): <html>bad key [redacted]</html>");
  });

  it("redacts a key without a known shape when it is the request's key", () => {
    const mistralKey = "Zq8m2LkP0aBcDeFgHiJkLmNoPqRsTuVw";
    const error = toCompletionError(apiError(401, `Unauthorized: ${mistralKey}`), {
      provider: "mistral",
      model: "m",
      apiKey: mistralKey,
    });
    expect(error.message).toBe("mistral rejected the API key (401): Unauthorized: [redacted]");
  });

  it("redacts a plain-text error body before cutting it, so no start of the key is left", () => {
    for (const filler of [270, 280, 290, 400]) {
      const body = `${"x".repeat(filler)} x-api-key=${OPAQUE}`;
      const error = toCompletionError(apiError(500, body, { raw: true }), { ...CONTEXT, apiKey: OPAQUE });
      expect(showsKeyStart(error.message, OPAQUE)).toBe(false);
      expect(error.status).toBe(502);
    }
  });

  it("redacts every secret given, not only the one the call used", () => {
    const error = toCompletionError(apiError(401, `keys ${OPAQUE}`, { raw: true }), {
      ...CONTEXT,
      secrets: [OPAQUE],
    });
    expect(error.message).toBe("openai rejected the API key (401): keys [redacted]");
  });

  it("prefers the provider SDK's parsed data for the message", () => {
    const error = toCompletionError(
      apiError(400, "from body", { data: { error: { message: "from data: temperature too high" } } }),
      CONTEXT,
    );
    expect(error.message).toBe("openai refused the request (400): from data: temperature too high");
  });

  it("reports retry-after on a 429 in the message and in extra", () => {
    const error = toCompletionError(apiError(429, "Rate limit reached", { headers: { "retry-after": "20" } }), CONTEXT);
    expect(error.status).toBe(429);
    expect(error.message).toBe("openai rate limit reached (429): Rate limit reached Retry after 20 s.");
    expect(error.extra.retryAfter).toBe("20");
    const without = toCompletionError(apiError(429, "Rate limit reached"), CONTEXT);
    expect(without.message).toBe("openai rate limit reached (429): Rate limit reached");
    expect(without.extra.retryAfter).toBeUndefined();
  });

  it("maps a refused connection to 502 upstream_unreachable", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
    });
    const direct = toCompletionError(refused, CONTEXT);
    expect(direct.status).toBe(502);
    expect(direct.type).toBe("upstream_unreachable");
    expect(direct.message).toBe("Could not connect to openai (ECONNREFUSED).");

    const wrapped = new APICallError({
      message: "Cannot connect to API: fetch failed",
      url: "http://127.0.0.1:1/v1/chat/completions",
      requestBodyValues: {},
      cause: refused,
    });
    expect(toCompletionError(wrapped, CONTEXT)).toMatchObject({ status: 502, type: "upstream_unreachable" });
  });

  it("maps a timeout to 504 upstream_timeout", () => {
    const timeout = new DOMException("The operation was aborted due to timeout", "TimeoutError");
    const error = toCompletionError(timeout, CONTEXT);
    expect(error.status).toBe(504);
    expect(error.type).toBe("upstream_timeout");
    expect(error.message).toBe("openai did not answer in time (timeout).");
    const headers = Object.assign(new Error("Headers Timeout Error"), { code: "UND_ERR_HEADERS_TIMEOUT" });
    expect(toCompletionError(new TypeError("fetch failed", { cause: headers }), CONTEXT).status).toBe(504);
  });

  it("maps anything else to 502 upstream_error, redacted", () => {
    const error = toCompletionError(new Error(`boom with ${KEY}`), CONTEXT);
    expect(error.status).toBe(502);
    expect(error.type).toBe("upstream_error");
    expect(error.message).toBe("openai call failed: boom with [redacted]");
  });

  it("passes a CompletionError through unchanged", () => {
    const original = new CompletionError(403, "forbidden_base_url", "no");
    expect(toCompletionError(original, CONTEXT)).toBe(original);
  });
});
