import { z } from "zod";
import { validationError } from "@/lib/completion/errors";
import { toValidationDetail } from "@/lib/completion/prepare";
import { storeOrUndefined } from "@/lib/completion/run-store";
import { getOrCreateProject } from "@/lib/projects/registry";
import { authenticate } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { readJsonBody } from "@/lib/server/request-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const projectRequestSchema = z.looseObject({ name: z.string().trim().min(1).max(200).default("default") });

export async function POST(request: Request) {
  if (!authenticate(request.headers)) return unauthorized();
  try {
    const parsed = projectRequestSchema.safeParse(await readJsonBody(request));
    if (!parsed.success) throw validationError(toValidationDetail(parsed.error));
    // The store when it is up; Parea's SDK calls this before every completion, so it must not fail with the store.
    const store = await storeOrUndefined();
    return jsonResponse(
      store ? await store.getOrCreateProject(parsed.data.name) : getOrCreateProject(parsed.data.name),
    );
  } catch (error) {
    return errorResponse(error);
  }
}
