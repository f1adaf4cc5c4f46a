import { cn } from "@/lib/client/cn";

export function StatusBadge({ status, cacheHit }: { status: "success" | "error"; cacheHit?: boolean }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span
        data-testid="log-status"
        className={cn(
          "rounded px-1.5 py-0.5 text-[10px] font-semibold uppercase",
          status === "success"
            ? "bg-emerald-50 text-emerald-700 dark:bg-emerald-500/10 dark:text-emerald-300"
            : "bg-red-50 text-red-700 dark:bg-red-500/10 dark:text-red-300",
        )}
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
