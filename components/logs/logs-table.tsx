"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { formatTime } from "@/components/nav/format-time";
import { formatCost, formatCount, formatSeconds } from "@/lib/client/format";
import { StatusBadge } from "./status-badge";
import type { LogListItem } from "./types";

const HEAD = ["Time", "Status", "Trace", "Model", "Input", "Output", "Tokens", "Latency", "Cost"];

/** One row per log, newest first; a row opens its detail page. */
export function LogsTable({ items }: { items: LogListItem[] }) {
  const router = useRouter();
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full min-w-[960px] text-left text-xs" data-testid="logs-table">
        <thead className="bg-zinc-50 text-[11px] text-zinc-500 dark:bg-zinc-900/60 dark:text-zinc-400">
          <tr>
            {HEAD.map((label) => (
              <th key={label} scope="col" className="px-3 py-2 font-medium">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {items.map((log) => (
            <tr
              key={log.trace_id}
              data-testid="log-row"
              data-trace-id={log.trace_id}
              onClick={() => router.push(`/logs/${encodeURIComponent(log.trace_id)}`)}
              className="cursor-pointer align-top hover:bg-zinc-50 dark:hover:bg-zinc-900/50"
            >
              <td className="px-3 py-2 whitespace-nowrap text-zinc-500">
                <Link
                  href={`/logs/${encodeURIComponent(log.trace_id)}`}
                  data-testid="log-link"
                  onClick={(event) => event.stopPropagation()}
                  className="hover:underline"
                >
                  {formatTime(log.created_at)}
                </Link>
              </td>
              <td className="px-3 py-2">
                <StatusBadge status={log.status} cacheHit={log.cache_hit} />
              </td>
              <td className="max-w-40 px-3 py-2">
                <div className="truncate font-medium">{log.trace_name ?? <span className="text-zinc-400">—</span>}</div>
                <div className="truncate text-[11px] text-zinc-500">{log.project_name}</div>
                {log.tags.length > 0 ? (
                  <div className="mt-0.5 flex flex-wrap gap-1">
                    {log.tags.map((tag) => (
                      <span key={tag} className="rounded bg-zinc-100 px-1 text-[10px] dark:bg-zinc-800">
                        {tag}
                      </span>
                    ))}
                  </div>
                ) : null}
              </td>
              <td className="max-w-40 px-3 py-2">
                <div className="truncate font-mono text-[11px]">{log.model ?? "—"}</div>
                <div className="text-[11px] text-zinc-500">{log.provider}</div>
              </td>
              <td className="max-w-56 px-3 py-2" data-testid="log-input">
                <p className="line-clamp-2 break-words">
                  {log.input_preview ?? <span className="text-zinc-400">—</span>}
                </p>
              </td>
              <td className="max-w-72 px-3 py-2" data-testid="log-output">
                {log.status === "error" || log.status === "interrupted" ? (
                  <p className="line-clamp-2 break-words text-red-600 dark:text-red-400">{log.error}</p>
                ) : (
                  <p className="line-clamp-2 break-words">
                    {log.output_preview ?? <span className="text-zinc-400">—</span>}
                  </p>
                )}
              </td>
              <td className="px-3 py-2 font-mono whitespace-nowrap">
                {formatCount(log.input_tokens)} → {formatCount(log.output_tokens)}
              </td>
              <td className="px-3 py-2 font-mono whitespace-nowrap">{formatSeconds(log.latency)}</td>
              <td className="px-3 py-2 font-mono whitespace-nowrap">{formatCost(log.cost)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
