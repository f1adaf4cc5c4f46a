"use client";

import { useState } from "react";
import { cn } from "@/lib/client/cn";
import { formatCost, formatCount, formatRate, formatSeconds } from "@/lib/client/format";
import type { ColumnRuns } from "@/lib/compare/compare-run-store";
import { distinctOutputs, type MetricKey, spreadOf } from "@/lib/compare/run-stats";
import { OutputDiffView } from "./output-diff-view";

const FORMATS: Record<MetricKey | "input_tokens", (value: number | undefined) => string> = {
  time_to_first_token: formatSeconds,
  latency: formatSeconds,
  input_tokens: formatCount,
  output_tokens: formatCount,
  tokens_per_second: formatRate,
  cost: formatCost,
};

const LABELS: [MetricKey | "input_tokens", string][] = [
  ["time_to_first_token", "TTFT"],
  ["latency", "Latency"],
  ["input_tokens", "In"],
  ["output_tokens", "Out"],
  ["tokens_per_second", "Tok/s"],
  ["cost", "Cost"],
];

export interface ColumnOutputProps {
  runs: ColumnRuns;
  index: number;
  /** The baseline's first finished output, when this column is not the baseline. */
  baselineText: string | undefined;
}

/** A column's output (one sample at a time when repeated), its diff against the baseline, its metrics. */
export function ColumnOutput({ runs, index, baselineText }: ColumnOutputProps) {
  const [view, setView] = useState<"output" | "diff">("output");
  const [sampleIndex, setSampleIndex] = useState(0);
  const sample = runs.samples[Math.min(sampleIndex, runs.samples.length - 1)];
  const canDiff = baselineText !== undefined && sample?.status === "done";
  const repeated = runs.samples.length > 1;
  const variants = repeated ? distinctOutputs(runs.samples) : [];
  const finished = runs.samples.filter((entry) => entry.result).length;

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div className="flex items-center gap-1 text-[11px]">
        {(["output", "diff"] as const).map((option) => (
          <button
            key={option}
            type="button"
            data-testid={`compare-view-${option}-${index}`}
            disabled={option === "diff" && baselineText === undefined}
            onClick={() => setView(option)}
            className={cn(
              "rounded px-1.5 py-0.5 font-medium disabled:opacity-40",
              view === option ? "bg-zinc-200 dark:bg-zinc-700" : "text-zinc-500",
            )}
          >
            {option === "diff" ? "Diff vs baseline" : "Output"}
          </button>
        ))}
        {repeated ? (
          <select
            aria-label="Run"
            data-testid={`compare-sample-${index}`}
            className="ml-auto rounded border border-zinc-200 bg-transparent px-1 text-[11px] dark:border-zinc-700"
            value={sampleIndex}
            onChange={(event) => setSampleIndex(Number(event.target.value))}
          >
            {runs.samples.map((entry, at) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: samples are numbered
              <option key={at} value={at}>
                Run {at + 1} · {entry.status}
              </option>
            ))}
          </select>
        ) : null}
      </div>
      <div className="max-h-96 min-h-24 overflow-y-auto rounded-md border border-zinc-200 bg-white p-2 dark:border-zinc-800 dark:bg-zinc-950">
        {view === "diff" && canDiff ? (
          <OutputDiffView baseline={baselineText} text={sample.text} testId={`compare-diff-${index}`} />
        ) : (
          <pre
            data-testid={`compare-output-${index}`}
            className="font-mono text-[12px] leading-5 break-words whitespace-pre-wrap text-zinc-900 dark:text-zinc-100"
          >
            {sample?.text}
          </pre>
        )}
        {sample?.errorMessage ? (
          <p className="mt-1 text-xs text-red-600 dark:text-red-400" data-testid={`compare-error-${index}`}>
            {sample.errorMessage}
          </p>
        ) : null}
        {view === "diff" && !canDiff ? (
          <p className="text-xs text-zinc-400">The diff shows once both runs are done.</p>
        ) : null}
      </div>
      {repeated && variants.length > 0 ? (
        <p
          className="text-[11px] text-zinc-500"
          data-testid={`compare-variants-${index}`}
          data-distinct={variants.length}
        >
          {finished} runs · {variants.length} distinct output{variants.length > 1 ? "s" : ""}
          {variants.length > 1 ? ` (most common ×${variants[0]?.count})` : ""}
        </p>
      ) : null}
      {finished > 0 ? (
        <dl className="grid grid-cols-3 gap-x-3 gap-y-1" data-testid={`compare-metrics-${index}`}>
          {LABELS.map(([key, label]) => {
            const spread = spreadOf(runs.samples, key);
            const format = FORMATS[key];
            return (
              <div key={key}>
                <dt className="text-[10px] font-medium tracking-wide text-zinc-400 uppercase">{label}</dt>
                <dd className="font-mono text-[11px] tabular-nums" data-testid={`compare-metric-${key}-${index}`}>
                  {format(spread?.mean)}
                  {spread && spread.count > 1 && spread.max > spread.min ? (
                    <span className="text-zinc-400">
                      {" "}
                      ({format(spread.min)}–{format(spread.max)})
                    </span>
                  ) : null}
                </dd>
              </div>
            );
          })}
        </dl>
      ) : null}
    </div>
  );
}
