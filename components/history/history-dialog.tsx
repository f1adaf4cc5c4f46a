"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import { TrashIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import { formatCost, formatSeconds } from "@/lib/client/format";
import { clearRuns, deleteRun, type HistoryEntry, MAX_RUNS, searchRuns } from "@/lib/client/run-history";
import { useRunHistory } from "@/lib/hooks/use-run-history";

const STATUS_TONE: Record<string, string> = {
  done: "bg-emerald-500",
  stopped: "bg-amber-500",
  error: "bg-red-500",
};

function lastUserText(entry: HistoryEntry): string {
  const messages = entry.request.llm_configuration?.messages ?? [];
  const last = [...messages].reverse().find((message) => message.role === "user") ?? messages.at(-1);
  return last?.content ?? "";
}

/** Every run on this device (up to MAX_RUNS), searchable; any can be reopened or sent to a compare column. */
export function HistoryDialog({
  open,
  onClose,
  onOpen,
  onCompare,
}: {
  open: boolean;
  onClose: () => void;
  onOpen: (entry: HistoryEntry) => void;
  onCompare: (entry: HistoryEntry) => void;
}) {
  const [query, setQuery] = useState("");
  const entries = useRunHistory(open);
  const shown = searchRuns(entries, query);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="History"
      testId="history-dialog"
      className="w-[min(820px,calc(100vw-2rem))]"
      description={`The last ${MAX_RUNS} runs on this device (never a key). Search the model, messages, output or tags.`}
      footer={
        <Button variant="ghost" className="mr-auto" data-testid="history-clear" onClick={() => void clearRuns()}>
          <TrashIcon /> Clear history
        </Button>
      }
    >
      <input
        type="search"
        data-testid="history-search"
        aria-label="Search the history"
        placeholder="Search…"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        className={cn(inputClass, "mb-3 h-8")}
        data-autofocus
      />
      {shown.length === 0 ? (
        <p className="py-6 text-center text-xs text-zinc-400" data-testid="history-empty">
          {entries.length === 0 ? "No runs yet." : "No run matches."}
        </p>
      ) : null}
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="history-list">
        {shown.map((entry, index) => (
          <li key={entry.id} className="flex items-start gap-3 py-2" data-testid={`history-item-${index}`}>
            <span
              className={cn("mt-1.5 h-1.5 w-1.5 shrink-0 rounded-full", STATUS_TONE[entry.status] ?? "bg-zinc-400")}
            />
            <div className="min-w-0 flex-1 text-xs">
              <p className="flex flex-wrap gap-x-2 text-zinc-500">
                <span className="font-mono text-zinc-800 dark:text-zinc-200">
                  {entry.provider ?? "?"}/{entry.model ?? "?"}
                </span>
                <span>{new Date(entry.time).toLocaleString()}</span>
                {entry.result ? (
                  <span>
                    {formatSeconds(entry.result.latency)} · {entry.result.output_tokens} tok ·{" "}
                    {formatCost(entry.result.cost)}
                  </span>
                ) : null}
                {entry.source === "compare" ? <span>compare</span> : null}
              </p>
              <p className="truncate text-zinc-700 dark:text-zinc-300">{lastUserText(entry)}</p>
              <p className="truncate font-mono text-[11px] text-zinc-400" data-testid={`history-output-${index}`}>
                {entry.text || entry.error?.message || "(no output)"}
              </p>
            </div>
            <div className="flex shrink-0 items-center gap-1">
              <Button size="sm" data-testid={`history-open-${index}`} onClick={() => onOpen(entry)}>
                Open
              </Button>
              <Button
                size="sm"
                variant="ghost"
                data-testid={`history-compare-${index}`}
                onClick={() => onCompare(entry)}
              >
                Compare
              </Button>
              <Button
                size="icon"
                variant="ghost"
                aria-label="Delete this run"
                data-testid={`history-delete-${index}`}
                onClick={() => void deleteRun(entry.id)}
              >
                <TrashIcon />
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
