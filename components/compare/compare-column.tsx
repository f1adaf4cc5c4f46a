"use client";

import { Button } from "@/components/ui/button";
import { CloseIcon, PlayIcon, StopIcon } from "@/components/ui/icons";
import type { CompareRunStore } from "@/lib/compare/compare-run-store";
import type { CompareColumn as Column, RequestShape } from "@/lib/compare/compare-state";
import { useColumnRuns } from "@/lib/hooks/use-compare-runs";
import type { ProviderInfo } from "@/lib/hooks/use-models";
import { columnColor, columnLetter } from "./column-colors";
import { ColumnOutput } from "./column-output";
import { ColumnSettings } from "./column-settings";

export interface CompareColumnProps {
  column: Column;
  index: number;
  base: RequestShape;
  store: CompareRunStore;
  baselineId: string | null | undefined;
  providers: readonly ProviderInfo[] | undefined;
  canRemove: boolean;
  onChange: (id: string, update: (column: Column) => Column) => void;
  onRemove: (id: string) => void;
  onSetBaseline: (id: string) => void;
  onRun: (column: Column) => void;
}

/** One model's side: its settings, its own Run/Stop, its output (or diff against the baseline) and metrics. */
export function CompareColumn({
  column,
  index,
  base,
  store,
  baselineId,
  providers,
  canRemove,
  onChange,
  onRemove,
  onSetBaseline,
  onRun,
}: CompareColumnProps) {
  const runs = useColumnRuns(store, column.id);
  const isBaseline = baselineId === column.id;
  const baselineRuns = useColumnRuns(store, isBaseline ? undefined : baselineId);
  const baselineText = isBaseline ? undefined : baselineRuns.samples.find((sample) => sample.status === "done")?.text;
  const running = runs.status === "running";

  return (
    <section
      aria-label={`Column ${columnLetter(index)}`}
      data-testid={`compare-column-${index}`}
      data-status={runs.status}
      data-column-id={column.id}
      className="flex min-w-0 flex-col gap-2 rounded-lg border border-zinc-200 bg-zinc-50/60 p-3 dark:border-zinc-800 dark:bg-zinc-900/30"
    >
      <header className="flex items-center gap-2">
        <span
          className="flex h-5 w-5 shrink-0 items-center justify-center rounded text-[10px] font-bold text-white"
          style={{ background: columnColor(index) }}
        >
          {columnLetter(index)}
        </span>
        <label
          className="flex items-center gap-1 text-[11px] text-zinc-500"
          title="The other columns are diffed against the baseline"
        >
          <input
            type="radio"
            name="compare-baseline"
            data-testid={`compare-baseline-${index}`}
            checked={isBaseline}
            onChange={() => onSetBaseline(column.id)}
          />
          Baseline
        </label>
        <span className="ml-auto text-[11px] text-zinc-500" data-testid={`compare-status-${index}`}>
          {runs.status === "idle" ? "" : runs.status}
        </span>
        {running ? (
          <Button
            size="sm"
            variant="danger"
            data-testid={`compare-stop-${index}`}
            onClick={() => store.stop(column.id)}
          >
            <StopIcon /> Stop
          </Button>
        ) : (
          <Button size="sm" data-testid={`compare-run-${index}`} onClick={() => onRun(column)}>
            <PlayIcon /> Run
          </Button>
        )}
        <Button
          size="icon"
          variant="ghost"
          aria-label="Remove this column"
          data-testid={`compare-remove-${index}`}
          disabled={!canRemove || running}
          onClick={() => {
            store.clear(column.id);
            onRemove(column.id);
          }}
        >
          <CloseIcon />
        </Button>
      </header>
      <ColumnSettings
        column={column}
        index={index}
        base={base}
        providers={providers}
        onChange={(update) => onChange(column.id, update)}
      />
      <ColumnOutput runs={runs} index={index} baselineText={baselineText} />
    </section>
  );
}
