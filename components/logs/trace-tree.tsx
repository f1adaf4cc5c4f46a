"use client";

import Link from "next/link";
import { cn } from "@/lib/client/cn";
import { formatSeconds } from "@/lib/client/format";
import type { LogListItem } from "./types";

type TraceNode = Pick<
  LogListItem,
  "trace_id" | "parent_trace_id" | "trace_name" | "model" | "status" | "latency" | "execution_order" | "created_at"
>;

/** Parent → children, oldest first; a log whose parent is not in the list is drawn at the top. */
function childrenOf(nodes: TraceNode[]): Map<string | null, TraceNode[]> {
  const ids = new Set(nodes.map((node) => node.trace_id));
  const map = new Map<string | null, TraceNode[]>();
  for (const node of nodes) {
    const parent = node.parent_trace_id && ids.has(node.parent_trace_id) ? node.parent_trace_id : null;
    map.set(parent, [...(map.get(parent) ?? []), node]);
  }
  return map;
}

function Branch({
  parent,
  tree,
  current,
  depth,
}: {
  parent: string | null;
  tree: Map<string | null, TraceNode[]>;
  current: string;
  depth: number;
}) {
  // A trace reads top-down in execution order (SDK spans carry it; children are often posted before parents), then
  // oldest first.
  const nodes = [...(tree.get(parent) ?? [])].sort(
    (a, b) => (a.execution_order ?? 0) - (b.execution_order ?? 0) || a.created_at.localeCompare(b.created_at),
  );
  if (nodes.length === 0 || depth > 20) return null;
  return (
    <ul className={cn(depth > 0 && "ml-4 border-l border-zinc-200 pl-2 dark:border-zinc-800")}>
      {nodes.map((node) => (
        <li key={node.trace_id}>
          <Link
            href={`/logs/${encodeURIComponent(node.trace_id)}`}
            data-testid="trace-node"
            data-trace-id={node.trace_id}
            aria-current={node.trace_id === current ? "page" : undefined}
            className={cn(
              "my-0.5 flex items-center gap-2 rounded px-1.5 py-1 text-xs hover:bg-zinc-100 dark:hover:bg-zinc-800",
              node.trace_id === current && "bg-blue-50 font-semibold dark:bg-blue-500/10",
            )}
          >
            <span
              className={cn(
                "h-1.5 w-1.5 shrink-0 rounded-full",
                node.status === "error"
                  ? "bg-red-500"
                  : node.status === "running"
                    ? "bg-blue-500"
                    : node.status === "interrupted"
                      ? "bg-amber-500"
                      : "bg-emerald-500",
              )}
            />
            <span className="truncate">{node.trace_name ?? node.model ?? node.trace_id}</span>
            <span className="ml-auto font-mono text-[11px] text-zinc-500">{formatSeconds(node.latency)}</span>
          </Link>
          <Branch parent={node.trace_id} tree={tree} current={current} depth={depth + 1} />
        </li>
      ))}
    </ul>
  );
}

/** The whole trace this log belongs to (every log sharing its root), the current one highlighted. */
export function TraceTree({ nodes, current }: { nodes: TraceNode[]; current: string }) {
  const tree = childrenOf(nodes);
  return (
    <nav aria-label="Trace" data-testid="trace-tree">
      <Branch parent={null} tree={tree} current={current} depth={0} />
    </nav>
  );
}
