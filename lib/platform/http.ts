import "server-only";
import type { z } from "zod";
import { CompletionError, validationError } from "@/lib/completion/errors";
import { toValidationDetail } from "@/lib/completion/prepare";
import { authenticate, type Identity } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { readJsonBody } from "@/lib/server/request-body";
import { DatasetConflictError, ExperimentConflictError, getStore, type Store, StoreInputError } from "@/lib/store";

export interface PlatformCall<P> {
  request: Request;
  identity: Identity;
  params: P;
  store: Store;
}

type RouteContext<P> = { params: Promise<P> };

/**
 * One Parea platform route: authenticate, run, answer JSON. Bad input is a 4xx (422 with FastAPI field paths, 404,
 * 409, 413); a store that fails is a 503 naming the operation, so the SDK retries and the operator sees it in the log.
 */
export function platformRoute<P = Record<string, never>>(
  operation: string,
  handle: (call: PlatformCall<P>) => Promise<unknown>,
) {
  return async (request: Request, context?: RouteContext<P>): Promise<Response> => {
    const identity = authenticate(request.headers);
    if (!identity) return unauthorized();
    try {
      const params = (context ? await context.params : {}) as P;
      const result = await handle({ request, identity, params, store: getStore() });
      return result instanceof Response ? result : jsonResponse(result ?? {});
    } catch (error) {
      return platformError(operation, error);
    }
  };
}

export function platformError(operation: string, error: unknown): Response {
  if (error instanceof CompletionError) return errorResponse(error);
  if (error instanceof DatasetConflictError || error instanceof ExperimentConflictError) {
    return errorResponse(new CompletionError(409, "invalid_request", error.message));
  }
  if (error instanceof StoreInputError) {
    const field = /^(\w+):/.exec(error.message)?.[1];
    return errorResponse(
      validationError([{ loc: field ? ["body", field] : ["body"], msg: error.message, type: "value_error" }]),
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[platform] ${operation} failed in the store: ${message}`);
  return jsonResponse(
    {
      detail: `The store could not complete ${operation}; nothing was saved. Retry later.`,
      error: { type: "store_unavailable", message: `The store failed during ${operation}.` },
    },
    503,
  );
}

/** The JSON body parsed by a zod schema; a mismatch is a 422 with `loc: ["body", ...]`. */
export async function parseBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.output<T>> {
  const parsed = schema.safeParse(await readJsonBody(request));
  if (!parsed.success) throw validationError(toValidationDetail(parsed.error));
  return parsed.data;
}

export function notFound(what: string): CompletionError {
  return new CompletionError(404, "invalid_request", what);
}

export function tooMany(what: string, limit: number): CompletionError {
  return new CompletionError(413, "invalid_request", `Too many ${what} in one request (the limit is ${limit}).`);
}

/** Ids the platform stores: UUIDs and the SDK's own ids pass; anything else cannot name a stored row. */
export const ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
