import { validationError } from "@/lib/completion/errors";
import { toValidationDetail } from "@/lib/completion/prepare";
import { authenticate } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { readJsonBody } from "@/lib/server/request-body";
import { getStore, StoreInputError } from "@/lib/store";
import { deployBodySchema, toDeploymentDetail, toDeploymentSummary, withoutKeys } from "./deployment-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/deployments → every prompt with its versions (newest first), each with its configuration. */
export async function GET(request: Request) {
  if (!authenticate(request.headers)) return unauthorized();
  try {
    const prompts = await getStore().listPrompts();
    return jsonResponse(prompts.map((prompt) => ({ ...prompt, versions: prompt.versions.map(toDeploymentDetail) })));
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/deployments {name, llm_configuration} → a new version of that prompt: {deployment_id, name, ...}. */
export async function POST(request: Request) {
  if (!authenticate(request.headers)) return unauthorized();
  try {
    const parsed = deployBodySchema.safeParse(await readJsonBody(request));
    if (!parsed.success) throw validationError(toValidationDetail(parsed.error));
    const { name, llm_configuration } = parsed.data;
    const deployment = await getStore().deploy(name, withoutKeys(llm_configuration));
    return jsonResponse(toDeploymentSummary(deployment), 201);
  } catch (error) {
    if (error instanceof StoreInputError) {
      return errorResponse(validationError([{ loc: ["body"], msg: error.message, type: "value_error" }]));
    }
    return errorResponse(error);
  }
}
