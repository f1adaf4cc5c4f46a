import "server-only";
import { toIsoTime, toNumber } from "./json";
import { logFilterExpression } from "./log-filters";
import type { LogFilters, StatsBucket, StatsPoint, StoreContext } from "./types";

/** Never fill more empty buckets than this (a years-wide range by the hour). */
const MAX_FILLED_BUCKETS = 5_000;
const BUCKET_MS: Record<StatsBucket, number> = { hour: 3_600_000, day: 86_400_000 };

/** The bucket an ISO time falls in, as an ISO string: text surgery, so it matches SQL's view of the column. */
export function bucketOf(iso: string, bucket: StatsBucket): string {
  return bucket === "hour" ? `${iso.slice(0, 13)}:00:00.000Z` : `${iso.slice(0, 10)}T00:00:00.000Z`;
}

/** Linear interpolation between closest ranks (numpy's default); sorted input. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low] as number;
  return lowValue + ((sorted[high] as number) - lowValue) * (rank - low);
}

interface Accumulator {
  requests: number;
  errors: number;
  latencies: number[];
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cost: number;
}

function emptyAccumulator(): Accumulator {
  return { requests: 0, errors: 0, latencies: [], input_tokens: 0, output_tokens: 0, total_tokens: 0, cost: 0 };
}

/**
 * Chart series, one point per hour or day (UTC), oldest first; empty buckets between the first and last (or the
 * filter's from/to) are filled with zeros. Percentiles are computed here over the filtered rows' latencies because
 * the two dialects disagree on SQL percentiles; only the few numeric columns are read.
 */
export async function logStats(
  context: StoreContext,
  filters: LogFilters = {},
  bucket: StatsBucket = "hour",
): Promise<StatsPoint[]> {
  const rows = await context.db
    .selectFrom("logs")
    .select(["created_at", "status", "latency", "input_tokens", "output_tokens", "total_tokens", "cost"])
    .where((eb) => logFilterExpression(eb, filters))
    .execute();
  const buckets = new Map<string, Accumulator>();
  for (const row of rows) {
    const key = bucketOf(row.created_at, bucket);
    let accumulator = buckets.get(key);
    if (!accumulator) buckets.set(key, (accumulator = emptyAccumulator()));
    accumulator.requests += 1;
    if (row.status === "error" || row.status === "interrupted") accumulator.errors += 1;
    accumulator.latencies.push(toNumber(row.latency));
    accumulator.input_tokens += toNumber(row.input_tokens);
    accumulator.output_tokens += toNumber(row.output_tokens);
    accumulator.total_tokens += toNumber(row.total_tokens);
    accumulator.cost += toNumber(row.cost);
  }
  fillGaps(buckets, bucket, filters);
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, accumulator]) => {
      const sorted = accumulator.latencies.sort((a, b) => a - b);
      return {
        bucket: key,
        requests: accumulator.requests,
        errors: accumulator.errors,
        latency_p50: percentile(sorted, 0.5),
        latency_p95: percentile(sorted, 0.95),
        input_tokens: accumulator.input_tokens,
        output_tokens: accumulator.output_tokens,
        total_tokens: accumulator.total_tokens,
        // Summing floats drifts (0.1 + 0.2); cost is shown in dollars, so 1e-9 precision is plenty.
        cost: Math.round(accumulator.cost * 1e9) / 1e9,
      };
    });
}

function fillGaps(buckets: Map<string, Accumulator>, bucket: StatsBucket, filters: LogFilters) {
  const keys = [...buckets.keys()].sort();
  const first = filters.from !== undefined ? bucketOf(toIsoTime(filters.from, "from"), bucket) : keys[0];
  // `to` is exclusive: the last bucket is the one holding the instant just before it.
  const last =
    filters.to !== undefined
      ? bucketOf(new Date(new Date(toIsoTime(filters.to, "to")).getTime() - 1).toISOString(), bucket)
      : keys.at(-1);
  if (first === undefined || last === undefined) return;
  const start = Date.parse(first);
  const end = Date.parse(last);
  if (end < start || (end - start) / BUCKET_MS[bucket] > MAX_FILLED_BUCKETS) return;
  for (let time = start; time <= end; time += BUCKET_MS[bucket]) {
    const key = new Date(time).toISOString();
    if (!buckets.has(key)) buckets.set(key, emptyAccumulator());
  }
}
