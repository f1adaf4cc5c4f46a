"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/nav/api-fetch";
import type { EvalMetricInfo, LogDetail, LogsPage, StatsPoint } from "./types";

export const PAGE_SIZE = 50;

/** Newest first, a page at a time (keyset cursor): "Load more" asks for the next page. */
export function useLogList(query: string, pageSize = PAGE_SIZE) {
  return useInfiniteQuery({
    queryKey: ["logs", query, pageSize],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams(query);
      params.set("limit", String(pageSize));
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<LogsPage>(`/api/logs?${params}`, { signal });
    },
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useLogStats(query: string, bucket: "hour" | "day") {
  return useQuery({
    queryKey: ["log-stats", query, bucket],
    queryFn: ({ signal }) => {
      const params = new URLSearchParams(query);
      params.set("bucket", bucket);
      return apiFetch<StatsPoint[]>(`/api/logs/stats?${params}`, { signal });
    },
  });
}

export function useLogDetail(traceId: string) {
  return useQuery({
    queryKey: ["log", traceId],
    queryFn: ({ signal }) => apiFetch<LogDetail>(`/api/logs/${encodeURIComponent(traceId)}`, { signal }),
    retry: false,
  });
}

/** Every log of one trace (at most 500), to draw its whole tree. */
export function useTraceLogs(rootTraceId: string | undefined) {
  return useQuery({
    queryKey: ["trace", rootTraceId],
    enabled: Boolean(rootTraceId),
    queryFn: ({ signal }) =>
      apiFetch<LogsPage>(`/api/logs?root_trace_id=${encodeURIComponent(rootTraceId ?? "")}&limit=500`, { signal }),
  });
}

/** Metric names for the scores (ids are all a log keeps). */
export function useEvalMetrics() {
  return useQuery({
    queryKey: ["eval-metrics"],
    queryFn: ({ signal }) => apiFetch<EvalMetricInfo[]>("/api/eval-metrics", { signal }),
    staleTime: 60_000,
  });
}
