import { z } from "zod";
import { validationError } from "@/lib/completion/errors";
import { toValidationDetail } from "@/lib/completion/prepare";
import { authenticate } from "@/lib/server/auth";
import { jsonResponse, unauthorized } from "@/lib/server/json-response";
import { readJsonBody } from "@/lib/server/request-body";
import { getStore } from "@/lib/store";
import { checkProvider, keysErrorResponse } from "../keys-errors";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const saveKeySchema = z.object({ key: z.string().trim().min(1, "the key is empty").max(4096) });

type Context = { params: Promise<{ provider: string }> };

/** PUT /api/keys/<provider> {key} → saved encrypted for the caller; answers the hint, never the key. */
export async function PUT(request: Request, { params }: Context) {
  const identity = authenticate(request.headers);
  if (!identity) return unauthorized();
  let key: string | undefined;
  try {
    const { provider } = await params;
    checkProvider(provider);
    const parsed = saveKeySchema.safeParse(await readJsonBody(request));
    if (!parsed.success) throw validationError(toValidationDetail(parsed.error));
    key = parsed.data.key;
    return jsonResponse(await getStore().saveProviderKey(identity.id, provider, key));
  } catch (error) {
    return keysErrorResponse(error, [key]);
  }
}

/** DELETE /api/keys/<provider> → {provider, deleted}; deleting a key that is not there is not an error. */
export async function DELETE(request: Request, { params }: Context) {
  const identity = authenticate(request.headers);
  if (!identity) return unauthorized();
  try {
    const { provider } = await params;
    checkProvider(provider);
    return jsonResponse({ provider, deleted: await getStore().deleteProviderKey(identity.id, provider) });
  } catch (error) {
    return keysErrorResponse(error);
  }
}
