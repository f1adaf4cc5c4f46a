import { APICallError } from "@ai-sdk/provider";

/** One FastAPI-style validation issue: what Parea clients know how to read. */
export interface ValidationDetail {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export type ErrorType =
  | "invalid_request"
  | "cancelled"
  | "validation_error"
  | "missing_api_key"
  | "unauthorized"
  | "authentication_error"
  | "permission_denied"
  | "model_not_found"
  | "rate_limited"
  | "upstream_error"
  | "upstream_unreachable"
  | "upstream_timeout"
  | "upstream_stream_error"
  | "upstream_redirect"
  | "forbidden_base_url"
  | "local_model_error"
  | "output_limit"
  | "quota_exceeded"
  | "gone"
  | "internal_error";

/** An error with the HTTP status it gets before the stream starts, and a message safe to show (no keys). */
export class CompletionError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    message: string,
    readonly extra: {
      provider?: string;
      upstreamStatus?: number;
      retryAfter?: string;
      detail?: ValidationDetail[];
    } = {},
  ) {
    super(message);
    this.name = "CompletionError";
  }

  toJSON() {
    return {
      detail: this.extra.detail ?? this.message,
      error: {
        type: this.type,
        message: this.message,
        ...(this.extra.provider ? { provider: this.extra.provider } : {}),
        ...(this.extra.upstreamStatus ? { upstream_status: this.extra.upstreamStatus } : {}),
      },
    };
  }
}

export function validationError(detail: ValidationDetail[]): CompletionError {
  const summary = detail.map((issue) => `${issue.loc.join(".")}: ${issue.msg}`).join("; ");
  return new CompletionError(422, "validation_error", `Invalid request: ${summary}`, { detail });
}

const KEY_PATTERNS = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\b(?:gsk|xai|fw|pplx|csk)_[A-Za-z0-9_-]{8,}/g,
  /\bAKIA[A-Z0-9]{12,}/g,
  /\bAIza[A-Za-z0-9_-]{20,}/g,
];

/** A secret this long or longer is also redacted where only its start shows (a provider or a cut that truncated it). */
const SECRET_PREFIX = 8;

/** The span of `secret`'s longest prefix (at least SECRET_PREFIX characters) starting at `at`, or 0. */
function secretPrefixAt(text: string, at: number, secret: string): number {
  let length = 0;
  while (length < secret.length && at + length < text.length && text[at + length] === secret[length]) length++;
  return length >= SECRET_PREFIX || length === secret.length ? length : 0;
}

function redactSecret(text: string, secret: string): string {
  if (secret.length < SECRET_PREFIX) return text.split(secret).join("[redacted]");
  const head = secret.slice(0, SECRET_PREFIX);
  let result = "";
  let from = 0;
  for (let at = text.indexOf(head); at !== -1; at = text.indexOf(head, at)) {
    const length = secretPrefixAt(text, at, secret);
    result += `${text.slice(from, at)}[redacted]`;
    at += length;
    from = at;
  }
  return result + text.slice(from);
}

/**
 * Removes the given keys (whole, or any start of them of 8+ characters) and anything shaped like a provider key from
 * text that may reach a user, a log or the store. Redact first, then truncate: a cut before redaction can leave a
 * key's start that no longer matches.
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = redactSecret(result, secret);
  }
  for (const pattern of KEY_PATTERNS) result = result.replace(pattern, "[redacted]");
  return result;
}

/** Provider text (an error body, an in-stream error) as it may be shown: redacted, then cut to `max` characters. */
export function providerText(text: string, secrets: readonly (string | null | undefined)[], max = 300): string {
  const clean = redact(text, secrets);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/** The same error with its message and detail redacted (and cut to a size fit for a log row): for the last exit. */
export function redactError(error: CompletionError, secrets: readonly (string | null | undefined)[]): CompletionError {
  const detail = error.extra.detail?.map((issue) => ({ ...issue, msg: providerText(issue.msg, secrets, 1000) }));
  return new CompletionError(error.status, error.type, providerText(error.message, secrets, 2000), {
    ...error.extra,
    ...(detail ? { detail } : {}),
  });
}

/** What the provider said about a failed call, in full: the caller redacts it, then cuts it. */
function upstreamMessage(error: APICallError): string {
  const data = error.data as { error?: { message?: unknown } | string; message?: unknown } | undefined;
  const fromData =
    typeof data?.error === "string"
      ? data.error
      : typeof data?.error?.message === "string"
        ? data.error.message
        : typeof data?.message === "string"
          ? data.message
          : undefined;
  if (fromData) return fromData;
  const body = error.responseBody;
  if (body) {
    try {
      const parsed = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
      const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
      if (typeof message === "string" && message) return message;
    } catch {
      // not JSON: the raw text
    }
    return body;
  }
  return error.message;
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps whatever a provider call threw to a specific, key-free CompletionError. */
export function toCompletionError(
  error: unknown,
  context: { provider: string; model: string; apiKey?: string; secrets?: readonly (string | null | undefined)[] },
): CompletionError {
  if (error instanceof CompletionError) return error;
  const { provider, model } = context;
  const clean = (text: string) => providerText(text, [context.apiKey, ...(context.secrets ?? [])]);

  if (APICallError.isInstance(error) && error.statusCode !== undefined) {
    const status = error.statusCode;
    if (status < 400) {
      const cause = (error.cause as Error | undefined)?.message;
      return new CompletionError(
        502,
        "upstream_stream_error",
        `${provider}'s response could not be read: ${clean(error.message)}${cause ? ` (${clean(cause)})` : ""}`,
        { provider },
      );
    }
    const message = clean(upstreamMessage(error)); // redacted before it is cut
    const extra = { provider, upstreamStatus: status };
    if (status === 401)
      return new CompletionError(
        401,
        "authentication_error",
        `${provider} rejected the API key (401): ${message}`,
        extra,
      );
    if (status === 403)
      return new CompletionError(403, "permission_denied", `${provider} denied access (403): ${message}`, extra);
    if (status === 404)
      return new CompletionError(
        404,
        "model_not_found",
        `${provider} has no model "${model}" or no such endpoint (404): ${message}`,
        extra,
      );
    if (status === 429) {
      const retryAfter = error.responseHeaders?.["retry-after"];
      return new CompletionError(
        429,
        "rate_limited",
        `${provider} rate limit reached (429): ${message}${retryAfter ? ` Retry after ${retryAfter} s.` : ""}`,
        { ...extra, retryAfter },
      );
    }
    if (status >= 500)
      return new CompletionError(502, "upstream_error", `${provider} failed (${status}): ${message}`, extra);
    return new CompletionError(
      status === 422 ? 422 : 400,
      "invalid_request",
      `${provider} refused the request (${status}): ${message}`,
      extra,
    );
  }

  const name = (error as { name?: string } | undefined)?.name;
  if (name === "LocalModelError") {
    // Missing file: 404 like any unknown model; a bad name or a file that is no GGUF: the request is at fault.
    const code = (error as { code?: string }).code;
    return new CompletionError(code === "not_found" ? 404 : 422, "local_model_error", (error as Error).message, {
      provider,
    });
  }
  const code = causeCode(error);
  if (name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT")
    return new CompletionError(504, "upstream_timeout", `${provider} did not answer in time (timeout).`, { provider });
  if (
    code === "ECONNREFUSED" ||
    code === "ENOTFOUND" ||
    code === "EAI_AGAIN" ||
    code === "ECONNRESET" ||
    code === "EHOSTUNREACH"
  )
    return new CompletionError(502, "upstream_unreachable", `Could not connect to ${provider} (${code}).`, {
      provider,
    });
  const message = error instanceof Error ? error.message : String(error);
  if (APICallError.isInstance(error))
    return new CompletionError(502, "upstream_unreachable", `Could not reach ${provider}: ${clean(message)}`, {
      provider,
    });
  return new CompletionError(502, "upstream_error", `${provider} call failed: ${clean(message)}`, { provider });
}
