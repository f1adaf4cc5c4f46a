"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { saveDraft } from "@/lib/client/draft-storage";
import { saveComparison } from "@/lib/client/open-comparison";
import {
  type CompareColumn,
  type CompareState,
  MAX_COLUMNS,
  MIN_COLUMNS,
  newColumnId,
  type RequestShape,
} from "@/lib/compare/compare-state";

const SAVE_DELAY_MS = 300;

/** The comparison being edited: columns and baseline saved on this device, the shared request saved as the draft. */
export function useCompareState(initial: CompareState) {
  const [state, setState] = useState(initial);
  const firstBase = useRef(initial.base);

  useEffect(() => {
    const timer = setTimeout(() => saveComparison(state), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state]);

  useEffect(() => {
    if (state.base !== firstBase.current) saveDraft(state.base);
  }, [state.base]);

  const updateColumn = useCallback((id: string, update: (column: CompareColumn) => CompareColumn) => {
    setState((current) => ({
      ...current,
      columns: current.columns.map((column) => (column.id === id ? update(column) : column)),
    }));
  }, []);

  /** A new column copies the last one (its model and parameters), ready to be changed. */
  const addColumn = useCallback(() => {
    setState((current) => {
      const last = current.columns.at(-1);
      if (!last || current.columns.length >= MAX_COLUMNS) return current;
      const copy = JSON.parse(JSON.stringify(last)) as CompareColumn;
      return { ...current, columns: [...current.columns, { ...copy, id: newColumnId() }] };
    });
  }, []);

  const removeColumn = useCallback((id: string) => {
    setState((current) => {
      if (current.columns.length <= MIN_COLUMNS) return current;
      const columns = current.columns.filter((column) => column.id !== id);
      return { ...current, columns, baseline: current.baseline === id ? columns[0]?.id : current.baseline };
    });
  }, []);

  const setBaseline = useCallback((id: string) => setState((current) => ({ ...current, baseline: id })), []);

  const setBase = useCallback((base: RequestShape) => setState((current) => ({ ...current, base })), []);

  return { state, updateColumn, addColumn, removeColumn, setBaseline, setBase };
}
