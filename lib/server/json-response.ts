import "server-only";
import { CompletionError, redact, redactError } from "@/lib/completion/errors";
import { logError } from "./log-line";

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/** Any error → a JSON response. A CompletionError keeps its status; anything else is a 500 that names no secret. */
export function errorResponse(error: unknown, secrets: (string | undefined)[] = []): Response {
  if (error instanceof CompletionError) {
    const headers: Record<string, string> = error.extra.retryAfter ? { "Retry-After": error.extra.retryAfter } : {};
    return jsonResponse(redactError(error, secrets).toJSON(), error.status, headers);
  }
  const message = redact(error instanceof Error ? error.message : String(error), secrets);
  logError(`[api] unexpected error: ${message}`);
  return jsonResponse(
    {
      detail: "Internal error",
      error: { type: "internal_error", message: "The server failed unexpectedly; see its log." },
    },
    500,
  );
}

export function unauthorized(): Response {
  return jsonResponse(
    {
      detail: "Missing or invalid API key",
      error: {
        type: "unauthorized",
        message: "Send one of the server's API keys in the x-api-key (or x-user-id) header.",
      },
    },
    401,
  );
}
