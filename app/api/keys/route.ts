import { authenticate } from "@/lib/server/auth";
import { jsonResponse, unauthorized } from "@/lib/server/json-response";
import { getStore } from "@/lib/store";
import { keysErrorResponse } from "./keys-errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/keys → the caller's saved keys: provider, a masked hint and when; never the key. */
export async function GET(request: Request) {
  const identity = authenticate(request.headers);
  if (!identity) return unauthorized();
  try {
    return jsonResponse(await getStore().listProviderKeys(identity.id));
  } catch (error) {
    return keysErrorResponse(error);
  }
}
