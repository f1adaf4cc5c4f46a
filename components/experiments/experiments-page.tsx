"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { apiFetch } from "@/components/nav/api-fetch";
import { formatTime } from "@/components/nav/format-time";
import { PageShell } from "@/components/nav/page-shell";

/** What POST /api/parea/v1/experiments answers (the client's own copy of the shape). */
interface ExperimentItem {
  uuid: string;
  name: string;
  run_name: string;
  status: string;
  num_samples: number | null;
  created_at: string;
  metadata: Record<string, string> | null;
}

/** /experiments: a minimal list of the runs Parea's SDK made here (the full experiments UI is its own issue). */
export function ExperimentsPage() {
  const experiments = useQuery({
    queryKey: ["experiments"],
    queryFn: ({ signal }) =>
      apiFetch<ExperimentItem[]>("/api/parea/v1/experiments", { method: "POST", body: {}, signal }),
  });
  return (
    <PageShell title="Experiments">
      <div className="mx-auto w-full max-w-[1200px] p-4">
        {experiments.isError ? (
          <p className="text-sm text-red-600" data-testid="experiments-error">
            Could not load the experiments: {experiments.error.message}
          </p>
        ) : !experiments.data ? (
          <p className="text-sm text-zinc-500">Loading…</p>
        ) : experiments.data.length === 0 ? (
          <p className="text-sm text-zinc-500" data-testid="experiments-empty">
            No experiments yet: run <code>p.experiment(...).run()</code> with PAREA_BASE_URL pointing here.
          </p>
        ) : (
          <table className="w-full text-left text-xs" data-testid="experiments-table">
            <thead className="text-zinc-500">
              <tr>
                <th className="py-1">Experiment</th>
                <th>Run</th>
                <th>Status</th>
                <th>Samples</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {experiments.data.map((experiment) => (
                <tr
                  key={experiment.uuid}
                  data-testid="experiment-row"
                  data-uuid={experiment.uuid}
                  className="border-t border-zinc-200 dark:border-zinc-800"
                >
                  <td className="py-1">
                    <Link className="hover:underline" href={`/logs?experiment=${encodeURIComponent(experiment.uuid)}`}>
                      {experiment.name}
                    </Link>
                  </td>
                  <td>{experiment.run_name}</td>
                  <td data-testid="experiment-status">{experiment.status}</td>
                  <td>{experiment.num_samples ?? "—"}</td>
                  <td>{formatTime(experiment.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </PageShell>
  );
}
