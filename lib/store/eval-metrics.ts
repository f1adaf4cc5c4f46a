import "server-only";
import { parseMetricConfig } from "@/lib/evals/run-evals";
import type { EvalMetric, EvalMetricKind } from "@/lib/evals/types";
import { fromJson, toJson } from "./json";
import type { StoreContext } from "./types";
import { StoreInputError } from "./types";

function toMetric(row: { id: number; name: string; kind: string; config: string }): EvalMetric {
  return {
    id: Number(row.id),
    name: row.name,
    kind: row.kind as EvalMetricKind,
    config: fromJson<Record<string, unknown>>(row.config, {}),
  };
}

/** All metrics, built-ins (ids 1–7) first: pass them to runEvals as `deps.metrics`. */
export async function listEvalMetrics(context: StoreContext): Promise<EvalMetric[]> {
  const rows = await context.db
    .selectFrom("eval_metrics")
    .select(["id", "name", "kind", "config"])
    .orderBy("id")
    .execute();
  return rows.map(toMetric);
}

/**
 * Adds a metric of a known kind; its config is checked (and a regex or schema compiled) first, so a bad one fails
 * here (EvalMetricError) rather than at scoring time. Custom ids start at 101.
 */
export async function createEvalMetric(
  context: StoreContext,
  input: { name: string; kind: string; config?: Record<string, unknown> },
): Promise<EvalMetric> {
  const name = input.name.trim();
  if (name === "") throw new StoreInputError("an eval metric needs a name");
  const { kind, config } = parseMetricConfig(input.kind, input.config ?? {});
  const row = await context.db
    .insertInto("eval_metrics")
    .values({ name, kind, config: toJson(config), created_at: new Date().toISOString() })
    .returning(["id", "name", "kind", "config"])
    .executeTakeFirstOrThrow();
  return toMetric(row);
}
