import { CompletionError } from "@/lib/completion/errors";
import { authenticate } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { getStore } from "@/lib/store";
import { DEPLOYMENT_ID, toDeploymentDetail } from "../deployment-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/deployments/<p-…> → the deployment with its configuration. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!authenticate(request.headers)) return unauthorized();
  try {
    const { id } = await params;
    const deployment = DEPLOYMENT_ID.test(id) ? await getStore().getDeployment(id) : undefined;
    if (!deployment) throw new CompletionError(404, "invalid_request", "No deployment has this id.");
    return jsonResponse(toDeploymentDetail(deployment));
  } catch (error) {
    return errorResponse(error);
  }
}
