import { loadedLocalModels } from "@/lib/providers/local/engine";
import { configuredProviders } from "@/lib/providers/registry";
import { authRequired } from "@/lib/server/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Readiness: answers once the server can take requests. Names no key, only which providers have one, and the
 * local engine's load (contexts generating, requests queued) so an operator sees a stuck or saturated pool.
 */
export async function GET() {
  const local = (await loadedLocalModels()).map((model) => ({
    name: model.name,
    load_ms: Math.round(model.loadMs),
    contexts_active: model.pool.active,
    queued: model.pool.queued,
  }));
  return Response.json(
    { status: "ok", auth_required: authRequired(), providers_ready: configuredProviders(), local_models_loaded: local },
    { headers: { "Cache-Control": "no-store" } },
  );
}
