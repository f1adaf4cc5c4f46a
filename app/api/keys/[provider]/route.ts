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

const baseUrlField = z
  .url({ protocol: /^https?$/, error: "an http(s) URL" })
  .max(2048)
  .nullish()
  .describe("The one base URL this key may be sent to; omitted: the operator's base URL for the provider.");
const saveKeySchema = z.object({ key: z.string().trim().min(1, "the key is empty").max(4096), base_url: baseUrlField });

type Context = { params: Promise<{ provider: string }> };

/** PUT /api/keys/<provider> {key, base_url?} → saved encrypted for the caller; answers the hint, never the key. */
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
    return jsonResponse(await getStore().saveProviderKey(identity.id, provider, key, parsed.data.base_url));
  } catch (error) {
    return keysErrorResponse(error, [key]);
  }
}

/**
 * DELETE /api/keys/<provider>[?base_url=…] → {provider, base_url, deleted}; deleting a key that is not there is not
 * an error.
 */
export async function DELETE(request: Request, { params }: Context) {
  const identity = authenticate(request.headers);
  if (!identity) return unauthorized();
  try {
    const { provider } = await params;
    checkProvider(provider);
    const scope = baseUrlField.safeParse(new URL(request.url).searchParams.get("base_url") || undefined);
    if (!scope.success)
      throw validationError(
        scope.error.issues.map((issue) => ({ loc: ["query", "base_url"], msg: issue.message, type: issue.code })),
      );
    const baseUrl = scope.data ?? null;
    const deleted = await getStore().deleteProviderKey(identity.id, provider, baseUrl);
    return jsonResponse({ provider, base_url: baseUrl, deleted });
  } catch (error) {
    return keysErrorResponse(error);
  }
}
