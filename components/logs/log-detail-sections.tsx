import type { ReactNode } from "react";
import { SectionTitle } from "@/components/ui/field";
import { formatCost, formatCount, formatSeconds } from "@/lib/client/format";
import type { EvalMetricInfo, LogDetail } from "./types";

export function Section({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <section data-testid={testId} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <SectionTitle>{title}</SectionTitle>
      {children}
    </section>
  );
}

export function LogMetrics({ log }: { log: LogDetail }) {
  const metrics: [string, string, ReactNode][] = [
    ["latency", "Latency", formatSeconds(log.latency)],
    ["ttft", "Time to first token", formatSeconds(log.time_to_first_token)],
    ["input-tokens", "Input tokens", formatCount(log.input_tokens)],
    ["output-tokens", "Output tokens", formatCount(log.output_tokens)],
    ["total-tokens", "Total tokens", formatCount(log.total_tokens)],
    ["cost", "Cost", formatCost(log.cost)],
    ["cache-hit", "Cache", log.cache_hit ? "hit" : "miss"],
    ["provider", "Provider", log.provider ?? "—"],
    ["model", "Model", log.model ?? "—"],
    ["project", "Project", log.project_name],
    ["end-user", "End user", log.end_user_identifier ?? "—"],
    ["experiment", "Experiment", log.experiment_uuid ?? "—"],
    ["session", "Session", log.session_id ?? "—"],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-3 lg:grid-cols-4" data-testid="log-metrics">
      {metrics.map(([id, label, value]) => (
        <div key={id} className="min-w-0">
          <dt className="text-[11px] text-zinc-500 dark:text-zinc-400">{label}</dt>
          <dd className="truncate font-mono text-xs" data-testid={`log-metric-${id}`}>
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function LogScores({ scores, metrics }: { scores: Record<string, number>; metrics?: EvalMetricInfo[] }) {
  const entries = Object.entries(scores);
  if (entries.length === 0) return <p className="text-xs text-zinc-500">No eval metrics were scored for this run.</p>;
  // Completion runs key scores by metric id; SDK spans by the eval's name.
  const name = (id: string) =>
    metrics?.find((metric) => String(metric.id) === id)?.name ?? (/^\d+$/.test(id) ? `metric ${id}` : id);
  return (
    <ul className="space-y-1" data-testid="log-scores">
      {entries.map(([id, score]) => (
        <li key={id} className="flex items-center gap-2 text-xs">
          <span className="w-40 truncate">{name(id)}</span>
          <span className="h-1.5 flex-1 rounded-full bg-zinc-100 dark:bg-zinc-800">
            <span
              className="block h-1.5 rounded-full bg-emerald-500"
              style={{ width: `${Math.round(score * 100)}%` }}
            />
          </span>
          <span className="w-10 text-right font-mono">{score.toFixed(2)}</span>
        </li>
      ))}
    </ul>
  );
}

interface LoggedMessage {
  role?: unknown;
  content?: unknown;
}

/** The logged messages as a transcript, then the whole logged request as JSON (never a key: the server strips it). */
export function LogRequest({ request }: { request: Record<string, unknown> | null }) {
  if (!request) return <p className="text-xs text-zinc-500">The request was not logged.</p>;
  const configuration = (request.llm_configuration ?? {}) as { messages?: unknown };
  const messages = Array.isArray(configuration.messages) ? (configuration.messages as LoggedMessage[]) : [];
  return (
    <div className="space-y-2">
      {messages.length === 0 ? (
        <p className="text-xs text-zinc-500">No messages were logged (log_omit_inputs).</p>
      ) : (
        <ol className="space-y-1.5" data-testid="log-request-messages">
          {messages.map((message, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a logged transcript never reorders
            <li key={index} className="rounded-md bg-zinc-50 px-2 py-1.5 dark:bg-zinc-900/60">
              <span className="text-[10px] font-semibold text-zinc-500 uppercase">{String(message.role ?? "")}</span>
              <p className="text-xs break-words whitespace-pre-wrap" data-testid={`log-request-message-${index}`}>
                {typeof message.content === "string" ? message.content : JSON.stringify(message.content)}
              </p>
            </li>
          ))}
        </ol>
      )}
      <details>
        <summary className="cursor-pointer text-xs text-zinc-500" data-testid="log-request-json-toggle">
          Request JSON
        </summary>
        <pre
          className="mt-1 max-h-96 overflow-auto rounded-md bg-zinc-50 p-2 text-[11px] dark:bg-zinc-900/60"
          data-testid="log-request-json"
        >
          {JSON.stringify(request, null, 2)}
        </pre>
      </details>
    </div>
  );
}

/** SDK spans: the traced function's inputs and the feedback recorded on the trace. */
export function LogSpanDetails({ log }: { log: LogDetail }) {
  return (
    <div className="space-y-2 text-xs">
      {log.inputs ? (
        <pre className="max-h-64 overflow-auto text-[11px]" data-testid="log-inputs">
          {JSON.stringify(log.inputs, null, 2)}
        </pre>
      ) : null}
      {log.feedback ? (
        <p data-testid="log-feedback">
          Feedback{log.feedback.name ? ` "${log.feedback.name}"` : ""}:{" "}
          <span className="font-mono">{log.feedback.score.toFixed(2)}</span>
          {log.feedback.comment ? ` — ${log.feedback.comment}` : ""}
        </p>
      ) : (
        <p className="text-zinc-500">No feedback recorded.</p>
      )}
      {(log.evaluation_scores ?? []).some((score) => score.reason) ? (
        <ul data-testid="log-score-reasons">
          {(log.evaluation_scores ?? []).map((score) => (
            <li key={score.name}>
              {score.name}: {score.reason ?? "—"}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
