import "server-only";
import { validationError } from "@/lib/completion/errors";
import { isProviderId, PROVIDER_IDS } from "@/lib/schema/providers";
import { errorResponse, jsonResponse } from "@/lib/server/json-response";
import { ProviderKeysError, StoreInputError } from "@/lib/store";

/** The provider path segment, or the 422 that lists the known ones. */
export function checkProvider(provider: string) {
  if (isProviderId(provider)) return;
  throw validationError([
    { loc: ["path", "provider"], msg: `unknown provider; one of ${PROVIDER_IDS.join(", ")}`, type: "enum" },
  ]);
}

/**
 * Saving keys needs the operator's KEYS_SECRET: without it the feature is off, which is the server's state rather
 * than the caller's mistake, hence 503 with a message that says what to set.
 */
export function keysErrorResponse(error: unknown, secrets: (string | undefined)[] = []): Response {
  if (error instanceof ProviderKeysError) {
    return jsonResponse(
      { detail: error.message, error: { type: "keys_disabled", message: error.message, setting: "KEYS_SECRET" } },
      503,
    );
  }
  if (error instanceof StoreInputError) {
    return errorResponse(validationError([{ loc: ["body", "key"], msg: error.message, type: "value_error" }]));
  }
  return errorResponse(error, secrets);
}
