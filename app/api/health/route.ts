import { configuredProviders } from "@/lib/providers/registry";
import { authRequired } from "@/lib/server/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Readiness: answers once the server can take requests. Names no key, only which providers have one. */
export function GET() {
  return Response.json(
    { status: "ok", auth_required: authRequired(), providers_ready: configuredProviders() },
    { headers: { "Cache-Control": "no-store" } },
  );
}
