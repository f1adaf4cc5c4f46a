import "server-only";
import { CompletionError, redact, redactError } from "@/lib/completion/errors";
import { isStoreConnectionError, StoreUnavailableError } from "@/lib/store/unavailable";
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
  if (isStoreConnectionError(error)) return storeUnavailable(error, secrets);
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

let lastStoreReport = 0;

/** 503 naming the store's dialect; the cause (which may hold a host or a user name) goes to the server log only. */
function storeUnavailable(error: unknown, secrets: (string | undefined)[]): Response {
  const unavailable = error instanceof StoreUnavailableError ? error : new StoreUnavailableError(storeDialect(), error);
  const now = Date.now();
  if (now - lastStoreReport > 10_000) {
    lastStoreReport = now;
    const cause = unavailable.cause instanceof Error ? unavailable.cause.message : String(unavailable.cause);
    console.error(`[store] unavailable: ${redact(cause, secrets).replace(/postgres(ql)?:\/\/\S+/gi, "[url]")}`);
  }
  return jsonResponse(
    {
      detail: unavailable.message,
      error: { type: "store_unavailable", message: unavailable.message, store: unavailable.dialect },
    },
    503,
    { "Retry-After": "5" },
  );
}

function storeDialect(): "postgres" | "sqlite" {
  return /^postgres(ql)?:\/\//i.test(process.env.DATABASE_URL ?? "") ? "postgres" : "sqlite";
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
