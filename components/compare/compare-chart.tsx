"use client";

import { formatCost, formatCount, formatRate, formatSeconds } from "@/lib/client/format";
import type { CompareRunStore } from "@/lib/compare/compare-run-store";
import type { CompareColumn } from "@/lib/compare/compare-state";
import { METRICS, type Spread, spreadOf } from "@/lib/compare/run-stats";
import { useRunStatusVersion } from "@/lib/hooks/use-compare-runs";
import { columnColor, columnLetter } from "./column-colors";

const FORMAT = { s: formatSeconds, rate: formatRate, count: formatCount, usd: formatCost } as const;

/**
 * The columns at a glance: one small bar chart per metric, a bar per column (its mean), and a whisker from min to
 * max when the column was repeated. Re-drawn when a run settles, never per token.
 */
export function CompareChart({ store, columns }: { store: CompareRunStore; columns: readonly CompareColumn[] }) {
  useRunStatusVersion(store);
  const rows = columns.map((column, index) => ({ index, runs: store.get(column.id) }));
  if (!rows.some((row) => row.runs.samples.some((sample) => sample.result))) return null;

  return (
    <section
      aria-label="Comparison chart"
      data-testid="compare-chart"
      className="grid gap-4 px-3 pb-6 sm:grid-cols-2 xl:grid-cols-5"
    >
      {METRICS.map((metric) => {
        const spreads = rows.map((row) => spreadOf(row.runs.samples, metric.key));
        const top = Math.max(0, ...spreads.map((spread) => spread?.max ?? 0)) || 1;
        const format = FORMAT[metric.unit];
        return (
          <figure key={metric.key} className="space-y-1" data-testid={`compare-chart-${metric.key}`}>
            <figcaption className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase">
              {metric.label}
            </figcaption>
            {rows.map((row, at) => (
              <Bar
                key={row.index}
                index={row.index}
                spread={spreads[at]}
                top={top}
                label={spreads[at] ? format(spreads[at]?.mean) : "–"}
                testId={`compare-bar-${metric.key}-${row.index}`}
              />
            ))}
          </figure>
        );
      })}
    </section>
  );
}

function Bar({
  index,
  spread,
  top,
  label,
  testId,
}: {
  index: number;
  spread: Spread | undefined;
  top: number;
  label: string;
  testId: string;
}) {
  const width = (value: number) => Math.max(0, Math.min(100, (value / top) * 100));
  return (
    <div className="flex items-center gap-1.5 text-[11px]">
      <span className="w-3 font-mono text-zinc-500">{columnLetter(index)}</span>
      <svg
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        className="h-3 flex-1"
        role="img"
        aria-label={label}
        data-testid={testId}
        data-value={spread?.mean}
        data-min={spread?.min}
        data-max={spread?.max}
      >
        <rect x="0" y="0" width="100" height="10" className="fill-zinc-100 dark:fill-zinc-800" />
        {spread ? (
          <rect x="0" y="1" width={width(spread.mean)} height="8" fill={columnColor(index)} opacity="0.85" />
        ) : null}
        {spread && spread.count > 1 && spread.max > spread.min ? (
          <line
            x1={width(spread.min)}
            x2={width(spread.max)}
            y1="5"
            y2="5"
            stroke="currentColor"
            strokeWidth="1.5"
            vectorEffect="non-scaling-stroke"
            data-testid={`${testId}-spread`}
          />
        ) : null}
      </svg>
      <span className="w-20 text-right font-mono tabular-nums">{label}</span>
    </div>
  );
}
