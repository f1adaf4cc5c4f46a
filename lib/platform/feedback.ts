import "server-only";
import { parseBody, platformRoute } from "./http";
import { feedbackSchema } from "./schemas";
import { asText } from "./trace-log";

/** POST /feedback: stored on the trace (score, name, comment; a target replaces the trace's), even before it arrives. */
export const postFeedback = platformRoute("POST /feedback", async ({ request, store }) => {
  const body = await parseBody(request, feedbackSchema);
  const fields: Record<string, unknown> = {
    feedback_score: body.score,
    feedback_name: body.name ?? null,
    feedback_comment: body.comment ?? null,
  };
  if (body.target !== null && body.target !== undefined) fields.target = asText(body.target);
  const applied = await store.patchSpan(body.trace_id, fields);
  return { trace_id: body.trace_id, applied, pending: !applied };
});
