import { z } from "zod";
import { validationError } from "@/lib/completion/errors";
import { toValidationDetail } from "@/lib/completion/prepare";
import { EVAL_METRIC_KINDS, EvalMetricError } from "@/lib/evals/types";
import { authenticate } from "@/lib/server/auth";
import { errorResponse, jsonResponse, unauthorized } from "@/lib/server/json-response";
import { readJsonBody } from "@/lib/server/request-body";
import { getStore, StoreInputError } from "@/lib/store";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const createMetricSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(EVAL_METRIC_KINDS),
  config: z.record(z.string(), z.unknown()).default({}),
});

/** GET /api/eval-metrics → every metric (built-ins first): id, name, kind, config. */
export async function GET(request: Request) {
  if (!authenticate(request.headers)) return unauthorized();
  try {
    return jsonResponse(await getStore().listEvalMetrics());
  } catch (error) {
    return errorResponse(error);
  }
}

/** POST /api/eval-metrics {name, kind, config} → the new metric; its config is checked (regex, schema) first. */
export async function POST(request: Request) {
  if (!authenticate(request.headers)) return unauthorized();
  try {
    const parsed = createMetricSchema.safeParse(await readJsonBody(request));
    if (!parsed.success) throw validationError(toValidationDetail(parsed.error));
    return jsonResponse(await getStore().createEvalMetric(parsed.data), 201);
  } catch (error) {
    if (error instanceof EvalMetricError || error instanceof StoreInputError) {
      return errorResponse(validationError([{ loc: ["body", "config"], msg: error.message, type: "value_error" }]));
    }
    return errorResponse(error);
  }
}
