import { z } from "zod";
import { validationError } from "@/lib/completion/errors";
import { toValidationDetail } from "@/lib/completion/prepare";
import { storeOrUndefined } from "@/lib/completion/run-store";
import { applyTemplate } from "@/lib/schema/template";
import { authenticate } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { readJsonBody } from "@/lib/server/request-body";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const deployedPromptRequest = z.looseObject({
  deployment_id: z.string().min(1),
  llm_inputs: z.record(z.string(), z.unknown()).nullish(),
});

/** Parea's deployed-prompt lookup: the stored configuration, with the messages filled from llm_inputs. */
export async function POST(request: Request) {
  if (!authenticate(request.headers)) return unauthorized();
  try {
    const parsed = deployedPromptRequest.safeParse(await readJsonBody(request));
    if (!parsed.success) throw validationError(toValidationDetail(parsed.error));
    const store = await storeOrUndefined();
    const deployment = store ? await store.getDeployment(parsed.data.deployment_id) : undefined;
    if (!deployment) return jsonResponse({ detail: `No deployed prompt "${parsed.data.deployment_id}".` }, 404);
    const configuration = deployment.configuration;
    const raw = configuration.messages ?? [];
    const inputs = parsed.data.llm_inputs ?? undefined;
    return jsonResponse({
      deployment_id: deployment.id,
      version_number: deployment.version_number,
      name: deployment.prompt_name,
      functions: configuration.functions ?? [],
      function_call: configuration.function_call ?? null,
      prompt: { raw_messages: raw, messages: applyTemplate(raw, inputs).messages, inputs: inputs ?? null },
      model: configuration.model ?? null,
      provider: configuration.provider ?? null,
      model_params: configuration.model_params ?? {},
    });
  } catch (error) {
    return errorResponse(error);
  }
}
