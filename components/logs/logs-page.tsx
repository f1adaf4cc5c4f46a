"use client";

import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { PageShell } from "@/components/nav/page-shell";
import { Button } from "@/components/ui/button";
import { ResetIcon } from "@/components/ui/icons";
import { ClearCacheButton } from "./clear-cache-button";
import { LogCharts } from "./log-charts";
import { LogFiltersBar } from "./log-filters-bar";
import {
  apiParams,
  bucketFor,
  filtersFromParams,
  filtersToParams,
  hasFilters,
  type LogFilterState,
} from "./log-url-filters";
import { LogsTable } from "./logs-table";
import { useLogList, useLogStats } from "./use-logs";

/** `?limit=` sets the page size (not in the form: for links and tests). */
function pageSizeOf(value: string | null): number | undefined {
  const size = Number(value);
  return Number.isInteger(size) && size >= 1 && size <= 500 ? size : undefined;
}

/** /logs: filters (in the URL), charts over time, and the table of logs with "Load more". */
export function LogsPage() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const queryClient = useQueryClient();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(searchParams.toString())), [searchParams]);
  // "The last hour" is fixed to the moment of asking, so the query key does not change on every render.
  const [now, setNow] = useState(() => Date.now());
  const query = useMemo(() => apiParams(filters, now).toString(), [filters, now]);
  const bucket = bucketFor(filters);
  const list = useLogList(query, pageSizeOf(searchParams.get("limit")));
  const stats = useLogStats(query, bucket);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  const apply = (next: LogFilterState) => {
    const params = filtersToParams(next).toString();
    router.replace(params ? `${pathname}?${params}` : pathname, { scroll: false });
    setNow(Date.now());
  };
  const refresh = () => {
    setNow(Date.now());
    void queryClient.invalidateQueries({ queryKey: ["logs"] });
    void queryClient.invalidateQueries({ queryKey: ["log-stats"] });
  };

  return (
    <PageShell
      title="Logs"
      actions={
        <>
          <ClearCacheButton />
          <Button size="sm" variant="ghost" onClick={refresh} data-testid="logs-refresh" title="Fetch the newest logs">
            <ResetIcon /> Refresh
          </Button>
        </>
      }
    >
      <div className="mx-auto w-full max-w-[1600px] space-y-4 p-4">
        <LogFiltersBar value={filters} onChange={apply} />
        {stats.data ? <LogCharts points={stats.data} bucket={bucket} /> : null}
        {list.isError ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400" data-testid="logs-error">
            Could not load the logs: {list.error.message}
          </p>
        ) : list.isPending ? (
          <p className="text-xs text-zinc-500" data-testid="logs-loading">
            Loading logs…
          </p>
        ) : items.length === 0 ? (
          <p
            className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500 dark:border-zinc-700"
            data-testid="logs-empty"
          >
            {hasFilters(filters)
              ? "No log matches these filters."
              : "No logs yet: every run of the playground or the API is logged here."}
          </p>
        ) : (
          <>
            <LogsTable items={items} />
            <div className="flex items-center justify-between text-xs text-zinc-500">
              <span data-testid="logs-count">{items.length} shown</span>
              {list.hasNextPage ? (
                <Button
                  size="sm"
                  data-testid="logs-load-more"
                  disabled={list.isFetchingNextPage}
                  onClick={() => void list.fetchNextPage()}
                >
                  {list.isFetchingNextPage ? "Loading…" : "Load more"}
                </Button>
              ) : (
                <span data-testid="logs-end">All matching logs shown</span>
              )}
            </div>
          </>
        )}
      </div>
    </PageShell>
  );
}
