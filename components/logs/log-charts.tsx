"use client";

import { formatCost, formatCount, formatSeconds } from "@/lib/client/format";
import { MiniChart } from "./mini-chart";
import type { StatsPoint } from "./types";

const percent = (value: number) => `${(value * 100).toFixed(value > 0 && value < 0.1 ? 1 : 0)}%`;

function bucketLabel(bucket: string, kind: "hour" | "day"): string {
  const date = new Date(bucket);
  return kind === "day"
    ? date.toLocaleDateString(undefined, { month: "short", day: "numeric" })
    : date.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** Requests, error rate, latency p50/p95, tokens and cost of the filtered logs, per hour or per day. */
export function LogCharts({ points, bucket }: { points: StatsPoint[]; bucket: "hour" | "day" }) {
  const buckets = points.map((point) => ({ key: point.bucket, label: bucketLabel(point.bucket, bucket) }));
  const totals = points.reduce(
    (sum, point) => ({
      requests: sum.requests + point.requests,
      errors: sum.errors + point.errors,
      tokens: sum.tokens + point.total_tokens,
      cost: sum.cost + point.cost,
    }),
    { requests: 0, errors: 0, tokens: 0, cost: 0 },
  );
  return (
    <section aria-label="Charts" data-testid="log-charts" className="space-y-2">
      <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="log-totals">
        <span data-testid="log-total-requests">{formatCount(totals.requests)}</span> requests ·{" "}
        {formatCount(totals.errors)} errors · {formatCount(totals.tokens)} tokens · {formatCost(totals.cost)}{" "}
        <span className="text-zinc-400">(per {bucket})</span>
      </p>
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-2 xl:grid-cols-5">
        <MiniChart
          title="Requests"
          testId="chart-requests"
          kind="bar"
          buckets={buckets}
          format={formatCount}
          series={[{ label: "requests", values: points.map((p) => p.requests), className: "fill-blue-500" }]}
        />
        <MiniChart
          title="Error rate"
          testId="chart-error-rate"
          kind="line"
          buckets={buckets}
          format={percent}
          series={[
            {
              label: "errors",
              values: points.map((p) => (p.requests > 0 ? p.errors / p.requests : 0)),
              className: "fill-red-500 stroke-red-500",
            },
          ]}
        />
        <MiniChart
          title="Latency"
          testId="chart-latency"
          kind="line"
          buckets={buckets}
          format={formatSeconds}
          series={[
            {
              label: "p50",
              values: points.map((p) => p.latency_p50),
              className: "fill-emerald-500 stroke-emerald-500",
            },
            { label: "p95", values: points.map((p) => p.latency_p95), className: "fill-amber-500 stroke-amber-500" },
          ]}
        />
        <MiniChart
          title="Tokens"
          testId="chart-tokens"
          kind="bar"
          buckets={buckets}
          format={formatCount}
          series={[{ label: "tokens", values: points.map((p) => p.total_tokens), className: "fill-violet-500" }]}
        />
        <MiniChart
          title="Cost"
          testId="chart-cost"
          kind="line"
          buckets={buckets}
          format={formatCost}
          series={[{ label: "cost", values: points.map((p) => p.cost), className: "fill-zinc-500 stroke-zinc-500" }]}
        />
      </div>
    </section>
  );
}
