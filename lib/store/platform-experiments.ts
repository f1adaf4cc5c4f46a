import "server-only";
import { randomUUID } from "node:crypto";
import { fromJson, toJson, toNumber } from "./json";
import { type StoreContext, StoreInputError } from "./types";

export type ExperimentStatus = "pending" | "running" | "completed" | "failed";

export interface Experiment {
  uuid: string;
  name: string;
  run_name: string;
  project_uuid: string;
  metadata: Record<string, string> | null;
  status: ExperimentStatus;
  dataset_level_stats: { name: string; score: number; reason?: string | null }[];
  created_at: string;
  finished_at: string | null;
  num_samples: number;
}

/** The experiment name already has a run with this run_name: the route answers 409. */
export class ExperimentConflictError extends StoreInputError {
  override name = "ExperimentConflictError";
}

export async function createExperiment(
  context: StoreContext,
  input: { name: string; run_name: string; metadata: Record<string, string> | null; project_uuid: string },
): Promise<Experiment> {
  const row = {
    uuid: randomUUID(),
    name: input.name,
    run_name: input.run_name,
    project_uuid: input.project_uuid,
    metadata: input.metadata ? toJson(input.metadata) : null,
    status: "running",
    dataset_level_stats: "[]",
    created_at: new Date().toISOString(),
    finished_at: null,
  };
  const inserted = await context.db
    .insertInto("experiments")
    .values(row)
    .onConflict((conflict) => conflict.columns(["name", "run_name"]).doNothing())
    .returning("uuid")
    .executeTakeFirst();
  if (!inserted) {
    throw new ExperimentConflictError(
      `Experiment "${input.name}" already has a run named "${input.run_name}"; run_name must be unique per experiment.`,
    );
  }
  return toExperiment(row, 0);
}

function toExperiment(
  row: {
    uuid: string;
    name: string;
    run_name: string;
    project_uuid: string;
    metadata: string | null;
    status: string;
    dataset_level_stats: string;
    created_at: string;
    finished_at: string | null;
  },
  samples: number,
): Experiment {
  return {
    ...row,
    metadata: fromJson<Record<string, string> | null>(row.metadata, null),
    status: (["pending", "running", "completed", "failed"].includes(row.status)
      ? row.status
      : "running") as ExperimentStatus,
    dataset_level_stats: fromJson(row.dataset_level_stats, []),
    num_samples: samples,
  };
}

export async function finishExperiment(
  context: StoreContext,
  uuid: string,
  input: { status: ExperimentStatus; dataset_level_stats: Experiment["dataset_level_stats"] },
): Promise<boolean> {
  const result = await context.db
    .updateTable("experiments")
    .set({
      status: input.status,
      dataset_level_stats: toJson(input.dataset_level_stats),
      finished_at: new Date().toISOString(),
    })
    .where("uuid", "=", uuid)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface ExperimentFilters {
  project_uuid?: string | null;
  experiment_uuids?: string[] | null;
  name?: string | null;
  run_name?: string | null;
  metadata?: Record<string, string> | null;
}

/** Newest first; name and run name filters are case-insensitive substrings, metadata must match every pair. */
export async function listExperiments(context: StoreContext, filters: ExperimentFilters = {}): Promise<Experiment[]> {
  let query = context.db.selectFrom("experiments").selectAll();
  if (filters.project_uuid) query = query.where("project_uuid", "=", filters.project_uuid);
  if (filters.experiment_uuids) {
    if (filters.experiment_uuids.length === 0) return [];
    query = query.where("uuid", "in", filters.experiment_uuids);
  }
  const rows = await query.orderBy("created_at", "desc").orderBy("uuid").limit(1000).execute();
  const contains = (text: string, part: string | null | undefined) =>
    !part || text.toLowerCase().includes(part.toLowerCase());
  const kept = rows.filter((row) => {
    if (!contains(row.name, filters.name) || !contains(row.run_name, filters.run_name)) return false;
    const metadata = fromJson<Record<string, unknown>>(row.metadata, {});
    return Object.entries(filters.metadata ?? {}).every(([key, value]) => String(metadata[key]) === String(value));
  });
  const counts = new Map<string, number>();
  if (kept.length > 0) {
    const rowsCounted = await context.db
      .selectFrom("logs")
      .select((eb) => ["experiment_uuid", eb.fn.countAll().as("count")])
      .where(
        "experiment_uuid",
        "in",
        kept.map((row) => row.uuid),
      )
      .where("parent_trace_id", "is", null)
      .groupBy("experiment_uuid")
      .execute();
    for (const row of rowsCounted) counts.set(row.experiment_uuid ?? "", toNumber(row.count as number | string));
  }
  return kept.map((row) => toExperiment(row, counts.get(row.uuid) ?? 0));
}

export async function getExperiment(context: StoreContext, uuid: string): Promise<Experiment | undefined> {
  return (await listExperiments(context, { experiment_uuids: [uuid] }))[0];
}
