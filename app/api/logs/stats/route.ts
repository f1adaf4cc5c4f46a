import { validationError } from "@/lib/completion/errors";
import { authenticate, logScope } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { getStore, StoreInputError } from "@/lib/store";
import { logStatsQuerySchema, parseQuery, storeInputDetail, toLogFilters } from "../log-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/logs/stats?bucket=hour|day&<the list's filters> → one point per bucket, oldest first. */
export async function GET(request: Request) {
  const identity = authenticate(request.headers);
  if (!identity) return unauthorized();
  try {
    const query = parseQuery(logStatsQuerySchema, new URL(request.url).searchParams);
    const filters = { ...toLogFilters(query), identity: logScope(identity) };
    return jsonResponse(await getStore().logStats(filters, query.bucket));
  } catch (error) {
    if (error instanceof StoreInputError) return errorResponse(validationError(storeInputDetail(error.message)));
    return errorResponse(error);
  }
}
