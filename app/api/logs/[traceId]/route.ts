import { CompletionError } from "@/lib/completion/errors";
import { withTraceTotals } from "@/lib/platform/log-totals";
import { authenticate, logScope } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/logs/<trace_id> → the whole log (request, output, scores...) with its direct children. */
export async function GET(request: Request, { params }: { params: Promise<{ traceId: string }> }) {
  const identity = authenticate(request.headers);
  if (!identity) return unauthorized();
  try {
    const { traceId } = await params;
    const store = getStore();
    const log = traceId.length <= 200 ? await store.getLog(traceId, { identity: logScope(identity) }) : undefined;
    if (!log) throw new CompletionError(404, "invalid_request", "No log has this trace id.");
    const [withTotals] = await withTraceTotals(store, [log]);
    return jsonResponse(withTotals);
  } catch (error) {
    return errorResponse(error);
  }
}
