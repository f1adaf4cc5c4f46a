"use client";

import type { ReactNode } from "react";
import { DeployButton } from "@/components/deployments/deploy-button";
import { TopNav } from "@/components/nav/top-nav";
import { Button } from "@/components/ui/button";
import {
  DownloadIcon,
  KeyIcon,
  MonitorIcon,
  MoonIcon,
  PlayIcon,
  ResetIcon,
  SparkIcon,
  StopIcon,
  SunIcon,
} from "@/components/ui/icons";
import type { ThemePreference } from "@/lib/hooks/use-theme";
import { ShortcutsHelp } from "./shortcuts-help";

const THEME_ICONS = { system: MonitorIcon, light: SunIcon, dark: MoonIcon } as const;

export interface PlaygroundHeaderProps {
  running: boolean;
  onRun: () => void;
  onStop: () => void;
  onExport: () => void;
  onNew: () => void;
  onOpenKeys: () => void;
  theme: ThemePreference;
  onCycleTheme: () => void;
  /** Share, export, import, history, compare (components/share). */
  tools?: ReactNode;
}

export function PlaygroundHeader({
  running,
  onRun,
  onStop,
  onExport,
  onNew,
  onOpenKeys,
  theme,
  onCycleTheme,
  tools,
}: PlaygroundHeaderProps) {
  const ThemeIcon = THEME_ICONS[theme];
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-zinc-200 bg-white px-3 dark:border-zinc-800 dark:bg-zinc-950">
      <div className="flex items-center gap-2 pr-2">
        <span className="flex h-6 w-6 items-center justify-center rounded-md bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900">
          <SparkIcon width={13} height={13} />
        </span>
        <h1 className="text-sm font-semibold tracking-tight">Playground</h1>
      </div>
      <TopNav className="hidden xl:flex" />
      <div className="ml-auto flex items-center gap-1">
        <Button size="sm" variant="ghost" onClick={onNew} data-testid="new-draft" title="Start over with the defaults">
          <ResetIcon /> New
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={onExport}
          data-testid="export-json"
          title="Download the request as JSON (no key)"
        >
          <DownloadIcon /> Export JSON
        </Button>
        {tools}
        <DeployButton />
        <Button size="sm" variant="ghost" onClick={onOpenKeys} data-testid="keys-button">
          <KeyIcon /> Keys
        </Button>
        <Button
          variant="ghost"
          size="icon"
          onClick={onCycleTheme}
          data-testid="theme-toggle"
          aria-label={`Theme: ${theme}. Switch theme`}
          title={`Theme: ${theme}`}
        >
          <ThemeIcon />
        </Button>
        <ShortcutsHelp />
        <div className="ml-2">
          {running ? (
            <Button
              variant="danger"
              onClick={onStop}
              data-testid="stop-button"
              title="Stop (Esc)"
              className="w-24 justify-center"
            >
              <StopIcon /> Stop
            </Button>
          ) : (
            <Button
              variant="primary"
              onClick={onRun}
              data-testid="run-button"
              title="Run (Ctrl+Enter)"
              className="w-24 justify-center"
            >
              <PlayIcon /> Run
              <kbd className="ml-0.5 font-sans text-[10px] opacity-60">⌃↵</kbd>
            </Button>
          )}
        </div>
      </div>
    </header>
  );
}
