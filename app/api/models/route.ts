import { env } from "@/lib/providers/env";
import { listLocalModels } from "@/lib/providers/local";
import { allAdapters } from "@/lib/providers/registry";
import { authenticate } from "@/lib/server/auth";
import { unauthorized } from "@/lib/server/json-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * The model picker's data: every provider with its known models, whether it needs a key and whether the server
 * already has one (a boolean: the value never leaves the server). For `local`, the GGUF files actually present.
 */
export async function GET(request: Request) {
  if (!authenticate(request.headers)) return unauthorized();
  const localModels = await listLocalModels();
  const providers = allAdapters().map((adapter) => ({
    id: adapter.id,
    label: adapter.label,
    keyRequired: adapter.keyRequired,
    hasServerKey: env(adapter.keyEnv) !== undefined,
    baseUrlRequired: adapter.baseUrlRequired === true,
    models:
      adapter.id === "local"
        ? [...new Set([...localModels.map((model) => model.name), ...adapter.models])]
        : [...adapter.models],
    ...(adapter.id === "local" ? { localModels: localModels.map(({ name, sizeBytes }) => ({ name, sizeBytes })) } : {}),
  }));
  return Response.json({ providers }, { headers: { "Cache-Control": "no-store" } });
}
