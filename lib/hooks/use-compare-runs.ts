"use client";

import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { addRun, historyEntry } from "@/lib/client/run-history";
import { streamCompletion } from "@/lib/client/run-stream";
import { type ColumnRuns, CompareRunStore } from "@/lib/compare/compare-run-store";
import { createLimiter, DEFAULT_CONCURRENCY } from "@/lib/compare/concurrency";

/** One run store per compare view; every settled sample goes to the run history; leaving stops everything. */
export function useCompareRunStore(concurrency = DEFAULT_CONCURRENCY): CompareRunStore {
  const [store] = useState(
    () =>
      new CompareRunStore(createLimiter(concurrency), streamCompletion, ({ body, snapshot }) => {
        void addRun(historyEntry(body, snapshot, "compare"));
      }),
  );
  useEffect(() => () => store.stopAll(), [store]);
  return store;
}

/** A column's runs, re-rendering at most once per frame while they stream. */
export function useColumnRuns(store: CompareRunStore, columnId: string | null | undefined): ColumnRuns {
  const id = columnId ?? "";
  const subscribe = useCallback((listener: () => void) => store.subscribe(id, listener), [store, id]);
  const get = useCallback(() => store.get(id), [store, id]);
  return useSyncExternalStore(subscribe, get, get);
}

/** A number that changes when any column starts or settles (not on tokens). */
export function useRunStatusVersion(store: CompareRunStore): number {
  return useSyncExternalStore(store.subscribeStatus, store.getStatusVersion, store.getStatusVersion);
}
