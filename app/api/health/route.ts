import { loadedLocalModels } from "@/lib/providers/local/engine";
import { configuredProviders } from "@/lib/providers/registry";
import { authenticate, authRequired } from "@/lib/server/auth";
import { storeHealth } from "@/lib/store/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when the server and its store can take requests, 503 when the store is down (so a load balancer
 * takes the instance out). Anyone gets the status and the store's state; which providers have a server key and the
 * local engine's load (contexts generating, requests queued) only go to a caller with a valid key when
 * PLAYGROUND_API_KEYS is set (in open mode everyone is that caller).
 */
export async function GET(request: Request) {
  const store = await storeHealth();
  const status = store.status === "up" ? "ok" : "unavailable";
  const body: Record<string, unknown> = { status, store };
  if (authenticate(request.headers)) {
    body.auth_required = authRequired();
    body.providers_ready = configuredProviders();
    body.local_models_loaded = (await loadedLocalModels()).map((model) => ({
      name: model.name,
      load_ms: Math.round(model.loadMs),
      contexts_active: model.pool.active,
      queued: model.pool.queued,
    }));
  }
  return Response.json(body, { status: store.status === "up" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
