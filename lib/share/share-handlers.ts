import "server-only";
import { CompletionError, validationError } from "@/lib/completion/errors";
import { toValidationDetail } from "@/lib/completion/prepare";
import { authenticate } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { readJsonBody } from "@/lib/server/request-body";
import { shareOwner } from "./share-limits";
import {
  MAX_SNAPSHOT_BYTES,
  SNAPSHOT_ID,
  type SnapshotInput,
  sanitizeSnapshotInput,
  snapshotInputSchema,
} from "./snapshot-schema";
import { type SnapshotStore, snapshotStore } from "./snapshot-store";

/** The page a short link opens: the playground for a request, the compare view for a comparison. */
function shortUrl(request: Request, id: string, comparison: boolean): string {
  const origin = new URL(request.url).origin;
  return `${origin}${comparison ? "/compare" : "/"}?s=${id}`;
}

/** POST /api/share: validate, strip keys (whatever the client did), cap the size, store, answer {id, url}. */
export async function createSnapshot(request: Request, store: SnapshotStore = snapshotStore()): Promise<Response> {
  const identity = authenticate(request.headers);
  if (!identity) return unauthorized();
  try {
    const body = await readJsonBody(request);
    const parsed = snapshotInputSchema.safeParse(body);
    if (!parsed.success) throw validationError(toValidationDetail(parsed.error));
    // Stored as sent (allow-listed), not as zod's output: defaults filled in would change the shared request.
    const content = sanitizeSnapshotInput(body as SnapshotInput);
    const size = Buffer.byteLength(JSON.stringify(content));
    if (size > MAX_SNAPSHOT_BYTES) {
      throw new CompletionError(413, "invalid_request", `A snapshot holds at most ${MAX_SNAPSHOT_BYTES} bytes.`);
    }
    const snapshot = await store.create(content, shareOwner(identity));
    return jsonResponse({ id: snapshot.id, url: shortUrl(request, snapshot.id, Boolean(content.comparison)) }, 201);
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * GET /api/share/<id>: the snapshot as stored; 410 once it expired (the row is purged then), and a 404 that says the
 * same for a malformed and an unknown id.
 */
export async function readSnapshot(
  request: Request,
  id: string,
  store: SnapshotStore = snapshotStore(),
): Promise<Response> {
  if (!authenticate(request.headers)) return unauthorized();
  try {
    const snapshot = SNAPSHOT_ID.test(id) ? await store.get(id) : undefined;
    if (snapshot === "expired") {
      throw new CompletionError(410, "gone", "This shared snapshot has expired (SHARE_TTL_DAYS) and was deleted.");
    }
    if (!snapshot) throw new CompletionError(404, "invalid_request", "No shared snapshot has this id.");
    // Immutable: the same id always answers the same bytes, until it expires.
    const maxAge = snapshot.expiresAt
      ? Math.max(0, Math.floor((Date.parse(snapshot.expiresAt) - Date.now()) / 1000))
      : 31_536_000;
    const { expiresAt: _expiresAt, ...stored } = snapshot;
    return jsonResponse(stored, 200, { "Cache-Control": `private, max-age=${maxAge}, immutable` });
  } catch (error) {
    return errorResponse(error);
  }
}
