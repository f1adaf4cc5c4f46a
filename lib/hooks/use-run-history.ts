"use client";

import { useEffect, useState } from "react";
import { type HistoryEntry, listRuns, subscribeHistory } from "@/lib/client/run-history";

/** The run history, newest first, kept fresh while `active` (a dialog is open). */
export function useRunHistory(active: boolean): HistoryEntry[] {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  useEffect(() => {
    if (!active) return;
    let live = true;
    const load = () => void listRuns().then((next) => live && setEntries(next));
    load();
    const unsubscribe = subscribeHistory(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [active]);
  return entries;
}
