import "server-only";
import type { Experiment, Store } from "@/lib/store";
import { ID_PATTERN, notFound, parseBody, platformRoute } from "./http";
import { createExperimentSchema, finishExperimentSchema, listExperimentsSchema } from "./schemas";
import { asText, withTotals } from "./trace-log";

const MAX_SAMPLES = 10_000;

function experimentOut(experiment: Experiment) {
  return {
    name: experiment.name,
    uuid: experiment.uuid,
    created_at: experiment.created_at,
    run_name: experiment.run_name,
    project_uuid: experiment.project_uuid,
    status: experiment.status,
    metadata: experiment.metadata,
    is_public: false,
    pinned_stats: [],
    num_samples: experiment.num_samples,
    dataset_level_stats: experiment.dataset_level_stats,
    finished_at: experiment.finished_at,
  };
}

/** One entry per sample root: its latency, its trace's tokens and cost (summed over descendants), its scores. */
export async function experimentStats(store: Store, experiment: Experiment) {
  const { items: roots } = await store.queryTraceRoots({
    experiment_uuid: experiment.uuid,
    page: 1,
    page_size: MAX_SAMPLES,
  });
  const totals = await store.traceTotals(roots.map((root) => root.trace_id));
  const parentTraceStats = roots.reverse().map((root) => {
    const summed = withTotals(root, totals.get(root.trace_id));
    const scores =
      root.evaluation_scores && root.evaluation_scores.length > 0
        ? root.evaluation_scores
        : Object.entries(root.scores).map(([name, score]) => ({ name, score, reason: null }));
    return {
      trace_id: root.trace_id,
      latency: root.latency,
      input_tokens: summed.input_tokens,
      output_tokens: summed.output_tokens,
      total_tokens: summed.total_tokens,
      cost: summed.cost,
      scores: scores.map((score) => ({ name: score.name, score: Number(score.score), reason: score.reason ?? null })),
    };
  });
  return { parent_trace_stats: parentTraceStats, dataset_level_stats: experiment.dataset_level_stats };
}

async function experimentOr404(store: Store, uuid: string): Promise<Experiment> {
  const experiment = ID_PATTERN.test(uuid) ? await store.getExperiment(uuid) : undefined;
  if (!experiment) throw notFound(`No experiment has the uuid "${uuid.slice(0, 128)}".`);
  return experiment;
}

function stringValues(map: Record<string, unknown> | null | undefined): Record<string, string> | null {
  if (!map) return null;
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, asText(value) ?? ""]));
}

/** POST /experiment: a new run; the same run_name twice for one experiment name is a 409. */
export const postExperiment = platformRoute("POST /experiment", async ({ request, store }) => {
  const body = await parseBody(request, createExperimentSchema);
  let projectUuid = body.project_uuid || "";
  if (!projectUuid || !(await store.projectNameForUuid(projectUuid))) {
    projectUuid = (await store.getOrCreateProject("default")).uuid;
  }
  const experiment = await store.createExperiment({
    name: body.name,
    run_name: body.run_name,
    metadata: stringValues(body.metadata),
    project_uuid: projectUuid,
  });
  return experimentOut(experiment);
});

export const postExperimentFinished = platformRoute<{ uuid: string }>(
  "POST /experiment/{uuid}/finished",
  async ({ request, store, params }) => {
    const body = await parseBody(request, finishExperimentSchema);
    await experimentOr404(store, params.uuid);
    const stats = (body.dataset_level_stats ?? []).map((score) => ({
      name: score.name,
      score: Number(score.score),
      reason: score.reason ?? null,
    }));
    await store.finishExperiment(params.uuid, { status: body.status, dataset_level_stats: stats });
    return experimentStats(store, await experimentOr404(store, params.uuid));
  },
);

export const getExperimentStats = platformRoute<{ uuid: string }>(
  "GET /experiment/{uuid}/stats",
  async ({ store, params }) => experimentStats(store, await experimentOr404(store, params.uuid)),
);

/** POST /experiments: a list (never null), newest first. An unknown project name lists nothing. */
export const postExperiments = platformRoute("POST /experiments", async ({ request, store }) => {
  const body = await parseBody(request, listExperimentsSchema);
  let projectUuid: string | null = null;
  if (body.project_name) {
    const projects = await store.listProjects();
    const project = projects.find((candidate) => candidate.name === body.project_name);
    if (!project) return [];
    projectUuid = project.uuid;
  }
  const experiments = await store.listExperiments({
    project_uuid: projectUuid,
    experiment_uuids: body.experiment_uuids ?? null,
    name: body.experiment_name_filter ?? null,
    run_name: body.run_name_filter ?? null,
    metadata: stringValues(body.metadata_filter),
  });
  return experiments.map(experimentOut);
});
