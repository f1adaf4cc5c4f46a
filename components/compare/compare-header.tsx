"use client";

import { TopNav } from "@/components/nav/top-nav";
import { Button } from "@/components/ui/button";
import { KeyIcon, PlayIcon, PlusIcon, SparkIcon, StopIcon } from "@/components/ui/icons";
import { MAX_COLUMNS } from "@/lib/compare/compare-state";

export interface CompareHeaderProps {
  columns: number;
  running: boolean;
  onRunAll: () => void;
  onStopAll: () => void;
  onAddColumn: () => void;
  onShare: () => void;
  onOpenKeys: () => void;
}

export function CompareHeader({
  columns,
  running,
  onRunAll,
  onStopAll,
  onAddColumn,
  onShare,
  onOpenKeys,
}: CompareHeaderProps) {
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 bg-white px-3 dark:border-zinc-800 dark:bg-zinc-950">
      <span className="flex h-6 w-6 items-center justify-center rounded-md bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900">
        <SparkIcon width={13} height={13} />
      </span>
      <h1 className="text-sm font-semibold tracking-tight" data-testid="page-title">
        Compare
      </h1>
      <TopNav className="ml-2 hidden md:flex" />
      <span className="text-[11px] text-zinc-400">{columns} columns</span>
      <div className="ml-auto flex items-center gap-1">
        <Button
          size="sm"
          variant="ghost"
          onClick={onAddColumn}
          disabled={columns >= MAX_COLUMNS}
          data-testid="compare-add-column"
        >
          <PlusIcon /> Column
        </Button>
        <Button size="sm" variant="ghost" onClick={onShare} data-testid="compare-share-button">
          Share
        </Button>
        <Button size="sm" variant="ghost" onClick={onOpenKeys} data-testid="keys-button">
          <KeyIcon /> Keys
        </Button>
        <div className="ml-2">
          {running ? (
            <Button
              variant="danger"
              onClick={onStopAll}
              data-testid="compare-stop-all"
              title="Stop all (Esc)"
              className="w-28 justify-center"
            >
              <StopIcon /> Stop all
            </Button>
          ) : (
            <Button
              variant="primary"
              onClick={onRunAll}
              data-testid="compare-run-all"
              title="Run all (Ctrl+Enter)"
              className="w-28 justify-center"
            >
              <PlayIcon /> Run all
              <kbd className="ml-0.5 font-sans text-[10px] opacity-60">⌃↵</kbd>
            </Button>
          )}
        </div>
      </div>
    </header>
  );
}
