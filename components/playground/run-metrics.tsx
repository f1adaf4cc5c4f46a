import { formatCost, formatCount, formatRate, formatSeconds } from "@/lib/client/format";
import type { RunMetrics as Metrics } from "@/lib/client/run-types";

function Metric({ label, value, testId, title }: { label: string; value: string; testId: string; title?: string }) {
  return (
    <div className="flex flex-col" title={title}>
      <dt className="text-[10px] font-medium tracking-wide text-zinc-400 uppercase">{label}</dt>
      <dd className="font-mono text-xs text-zinc-800 tabular-nums dark:text-zinc-200" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** The numbers under a run: how fast, how big, how much. */
export function RunMetrics({ result }: { result: Metrics }) {
  return (
    <div className="space-y-1.5" data-testid="run-metrics">
      <dl className="flex flex-wrap gap-x-5 gap-y-2">
        <Metric
          label="TTFT"
          value={formatSeconds(result.time_to_first_token)}
          testId="metric-ttft"
          title="Time to first token"
        />
        <Metric label="Latency" value={formatSeconds(result.latency)} testId="metric-latency" title="Total time" />
        <Metric label="In" value={formatCount(result.input_tokens)} testId="metric-input-tokens" title="Input tokens" />
        <Metric
          label="Out"
          value={formatCount(result.output_tokens)}
          testId="metric-output-tokens"
          title="Output tokens"
        />
        <Metric
          label="Tok/s"
          value={formatRate(result.tokens_per_second)}
          testId="metric-tokens-per-second"
          title="Output tokens per second"
        />
        <Metric label="Cost" value={formatCost(result.cost)} testId="metric-cost" title="US dollars" />
        <Metric label="Cache" value={result.cache_hit ? "hit" : "miss"} testId="metric-cache-hit" />
      </dl>
      <p className="truncate font-mono text-[10px] text-zinc-400" data-testid="run-details">
        {result.provider}/{result.model}
        {result.finish_reason ? ` · finish: ${result.finish_reason}` : ""}
        {result.trace_id ? ` · trace ${result.trace_id}` : ""}
      </p>
      {result.warnings?.length ? (
        <ul className="text-[11px] text-amber-700 dark:text-amber-400" data-testid="run-warnings">
          {result.warnings.map((warning) => (
            <li key={warning}>⚠ {warning}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
