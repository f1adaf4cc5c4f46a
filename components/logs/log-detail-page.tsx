"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { ApiError } from "@/components/nav/api-fetch";
import { formatTime } from "@/components/nav/format-time";
import { openInCompare, openInPlayground } from "@/components/nav/open-request";
import { PageShell } from "@/components/nav/page-shell";
import { Button } from "@/components/ui/button";
import { LogMetrics, LogRequest, LogScores, LogSpanDetails, Section } from "./log-detail-sections";
import { StatusBadge } from "./status-badge";
import { TraceTree } from "./trace-tree";
import { useEvalMetrics, useLogDetail, useTraceLogs } from "./use-logs";

/** /logs/<trace_id>: one log — request, output, metrics, scores, error — and its trace. */
export function LogDetailPage({ traceId }: { traceId: string }) {
  const detail = useLogDetail(traceId);
  const log = detail.data;
  const trace = useTraceLogs(log?.root_trace_id);
  const metrics = useEvalMetrics();
  const router = useRouter();

  if (detail.isError || !log) {
    const missing = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <PageShell title="Log">
        <div className="p-6 text-sm" data-testid={detail.isError ? "log-detail-error" : "log-detail-loading"}>
          {detail.isError
            ? missing
              ? "No log has this trace id."
              : `Could not load the log: ${detail.error.message}`
            : "Loading…"}{" "}
          <Link href="/logs" className="underline">
            Back to logs
          </Link>
        </div>
      </PageShell>
    );
  }

  // The tree: every log of the trace; until that answers, this log with its direct children.
  const nodes = trace.data?.items ?? [log, ...log.children];
  const request = log.request;

  return (
    <PageShell title="Log">
      <div
        className="mx-auto w-full max-w-[1400px] space-y-3 p-4"
        data-testid="log-detail"
        data-trace-id={log.trace_id}
      >
        <div className="flex flex-wrap items-center gap-2">
          <Link href="/logs" className="text-xs text-zinc-500 hover:underline" data-testid="log-back">
            ← Logs
          </Link>
          <h2 className="text-sm font-semibold" data-testid="log-title">
            {log.trace_name ?? log.model ?? "Run"}
          </h2>
          <StatusBadge status={log.status} cacheHit={log.cache_hit} />
          <span className="font-mono text-[11px] text-zinc-500" data-testid="log-trace-id">
            {log.trace_id}
          </span>
          <span className="text-[11px] text-zinc-500">{formatTime(log.created_at)}</span>
          <div className="ml-auto flex gap-1">
            <Button
              size="sm"
              variant="primary"
              data-testid="open-in-playground"
              disabled={!request}
              title={request ? "Load this request as the playground's draft" : "The request was not logged"}
              onClick={() => request && openInPlayground(request, (href) => router.push(href))}
            >
              Open in playground
            </Button>
            <Button
              size="sm"
              data-testid="open-in-compare"
              disabled={!request}
              title="Add this request as a column of the compare view"
              onClick={() => request && openInCompare(request, (href) => router.push(href))}
            >
              Compare
            </Button>
          </div>
        </div>
        {log.error ? (
          <div
            role="alert"
            data-testid="log-error"
            className="rounded-lg border border-red-200 bg-red-50 p-3 text-xs text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-300"
          >
            {log.error}
          </div>
        ) : null}
        <div className="grid gap-3 lg:grid-cols-[1fr_320px]">
          <div className="min-w-0 space-y-3">
            <Section title="Metrics">
              <LogMetrics log={log} />
            </Section>
            {log.source === "sdk" ? (
              <Section title="Inputs and feedback" testId="log-span">
                <LogSpanDetails log={log} />
              </Section>
            ) : null}
            <Section title="Request" testId="log-request">
              <LogRequest request={request} />
            </Section>
            <Section title="Output" testId="log-output-section">
              {log.output === null ? (
                <p className="text-xs text-zinc-500">No output was logged.</p>
              ) : (
                <pre
                  className="max-h-[32rem] overflow-auto text-xs break-words whitespace-pre-wrap"
                  data-testid="log-output-text"
                >
                  {log.output}
                </pre>
              )}
            </Section>
          </div>
          <div className="min-w-0 space-y-3">
            <Section title="Trace" testId="log-trace">
              <TraceTree nodes={nodes} current={log.trace_id} />
            </Section>
            <Section title="Scores">
              <LogScores scores={log.scores} metrics={metrics.data} />
            </Section>
            {log.tags.length > 0 || log.target || log.metadata ? (
              <Section title="Tags, target, metadata">
                <pre className="overflow-auto text-[11px]" data-testid="log-extra">
                  {JSON.stringify({ tags: log.tags, target: log.target, metadata: log.metadata }, null, 2)}
                </pre>
              </Section>
            ) : null}
          </div>
        </div>
      </div>
    </PageShell>
  );
}
