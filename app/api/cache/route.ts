import { authenticate } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/cache → {entries}: how many responses the cache holds. */
export async function GET(request: Request) {
  if (!authenticate(request.headers)) return unauthorized();
  try {
    return jsonResponse({ entries: await getStore().cacheSize() });
  } catch (error) {
    return errorResponse(error);
  }
}

/** DELETE /api/cache → {cleared}: empties the response cache (every identity's: it is one shared cache). */
export async function DELETE(request: Request) {
  if (!authenticate(request.headers)) return unauthorized();
  try {
    return jsonResponse({ cleared: await getStore().cacheClear() });
  } catch (error) {
    return errorResponse(error);
  }
}
