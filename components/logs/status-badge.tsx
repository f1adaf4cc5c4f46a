import { cn } from "@/lib/client/cn";

import type { LogStatus } from "./types";

const COLOURS: Record<LogStatus, string> = {
  success: "bg-emerald-50 text-emerald-700 dark:bg-emerald-500/10 dark:text-emerald-300",
  error: "bg-red-50 text-red-700 dark:bg-red-500/10 dark:text-red-300",
  // Written when a run starts; it stays so only while the run streams.
  running: "bg-blue-50 text-blue-700 dark:bg-blue-500/10 dark:text-blue-300",
  // The server stopped mid-run (a crash or a kill): no output was kept.
  interrupted: "bg-amber-50 text-amber-700 dark:bg-amber-500/10 dark:text-amber-300",
};

export function StatusBadge({ status, cacheHit }: { status: LogStatus; cacheHit?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span
        data-testid="log-status"
        className={cn("rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase", COLOURS[status] ?? COLOURS.error)}
      >
        {status}
      </span>
      {cacheHit ? (
        <span className="rounded bg-zinc-100 px-1 py-0.5 text-[10px] text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
          cached
        </span>
      ) : null}
    </span>
  );
}
