import { validationError } from "@/lib/completion/errors";
import { withTraceTotals } from "@/lib/platform/log-totals";
import { authenticate, logScope } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { getStore, StoreInputError } from "@/lib/store";
import { logsListQuerySchema, parseQuery, storeInputDetail, toLogFilters, toLogListItem } from "./log-query";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/logs?project=&tags=a,b&status=&provider=&model=&end_user=&experiment=&from=&to=&search=&cursor=&limit= */
export async function GET(request: Request) {
  const identity = authenticate(request.headers);
  if (!identity) return unauthorized();
  try {
    const query = parseQuery(logsListQuerySchema, new URL(request.url).searchParams);
    const store = getStore();
    const page = await store.listLogs(
      { ...toLogFilters(query), identity: logScope(identity) },
      { cursor: query.cursor, limit: query.limit },
    );
    const items = await withTraceTotals(store, page.items);
    return jsonResponse({ items: items.map(toLogListItem), next_cursor: page.nextCursor });
  } catch (error) {
    if (error instanceof StoreInputError) return errorResponse(validationError(storeInputDetail(error.message)));
    return errorResponse(error);
  }
}
