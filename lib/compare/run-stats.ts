import type { RunMetrics, RunStatus } from "@/lib/client/run-types";

/** What a compare column shows of its runs: one per repeat ("sample"). */
export interface SampleRun {
  status: RunStatus | "queued";
  text: string;
  result?: RunMetrics;
  errorMessage?: string;
  startedAt?: number;
  finishedAt?: number;
}

export const METRICS = [
  { key: "time_to_first_token", label: "TTFT", unit: "s" },
  { key: "latency", label: "Latency", unit: "s" },
  { key: "tokens_per_second", label: "Tokens/s", unit: "rate" },
  { key: "output_tokens", label: "Output tokens", unit: "count" },
  { key: "cost", label: "Cost", unit: "usd" },
] as const;
export type MetricKey = (typeof METRICS)[number]["key"];

export interface Spread {
  mean: number;
  min: number;
  max: number;
  count: number;
}

/** Mean and min–max of one metric over the samples that finished. */
export function spreadOf(samples: readonly SampleRun[], key: MetricKey | "input_tokens"): Spread | undefined {
  const values = samples
    .map((sample) => sample.result?.[key])
    .filter((value): value is number => typeof value === "number" && Number.isFinite(value));
  if (values.length === 0) return undefined;
  const sum = values.reduce((total, value) => total + value, 0);
  return { mean: sum / values.length, min: Math.min(...values), max: Math.max(...values), count: values.length };
}

/** A column's status from its samples: running while any runs or waits, else the worst ending. */
export function columnStatus(samples: readonly SampleRun[]): RunStatus {
  if (samples.length === 0) return "idle";
  if (samples.some((sample) => sample.status === "running" || sample.status === "queued")) return "running";
  if (samples.every((sample) => sample.status === "done")) return "done";
  if (samples.some((sample) => sample.status === "error")) return "error";
  return "stopped";
}

export interface DistinctOutput {
  text: string;
  count: number;
}

/** The different outputs of a repeated column, most frequent first (whitespace at the ends ignored). */
export function distinctOutputs(samples: readonly SampleRun[]): DistinctOutput[] {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    if (sample.status !== "done") continue;
    const text = sample.text.trim();
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return [...counts].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count);
}
