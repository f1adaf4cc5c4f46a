"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyIcon, PlusIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import type { RunErrorAction } from "@/lib/client/run-errors";
import type { RunSnapshot } from "@/lib/client/run-types";
import type { FunctionDefinition } from "@/lib/schema/completion-request";
import { Markdown } from "./markdown";
import { RunError } from "./run-error";
import { RunMetrics } from "./run-metrics";
import { ToolCallCard } from "./tool-call-card";

const STATUS: Record<RunSnapshot["status"], { label: string; tone: string }> = {
  idle: { label: "Ready", tone: "bg-zinc-300 dark:bg-zinc-600" },
  running: { label: "Streaming", tone: "bg-blue-500 animate-pulse" },
  done: { label: "Done", tone: "bg-emerald-500" },
  stopped: { label: "Stopped", tone: "bg-amber-500" },
  error: { label: "Error", tone: "bg-red-500" },
};

export interface OutputPanelProps {
  snapshot: RunSnapshot;
  providerLabel: string;
  functions: readonly FunctionDefinition[];
  onErrorAction: (action: RunErrorAction) => void;
  onContinue: (results: Record<string, string>) => void;
  onAddToConversation: () => void;
}

/** The run: streamed text (raw or Markdown), tool calls with their result boxes, the error, the metrics. */
export function OutputPanel({
  snapshot,
  providerLabel,
  functions,
  onErrorAction,
  onContinue,
  onAddToConversation,
}: OutputPanelProps) {
  const [mode, setMode] = useState<"raw" | "markdown">("raw");
  const [results, setResults] = useState<Record<string, string>>({});
  const scroller = useRef<HTMLDivElement>(null);
  const running = snapshot.status === "running";
  const status = STATUS[snapshot.status];
  const hasCalls = snapshot.toolCalls.length > 0;

  useEffect(() => {
    if (running) setResults({});
  }, [running]);

  // Follow the text as it grows, unless the reader scrolled up to read.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every new piece of text on purpose
  useEffect(() => {
    const element = scroller.current;
    if (element && element.scrollHeight - element.scrollTop - element.clientHeight < 80)
      element.scrollTop = element.scrollHeight;
  }, [snapshot.text, snapshot.toolCalls]);

  return (
    <section aria-label="Output" className="flex min-h-0 flex-1 flex-col" data-testid="output-panel">
      <header className="flex h-9 shrink-0 items-center gap-2 border-b border-zinc-200 px-3 dark:border-zinc-800">
        <h2 className="text-xs font-semibold">Output</h2>
        <span
          className="flex items-center gap-1.5 text-[11px] text-zinc-500"
          data-testid="run-status"
          data-status={snapshot.status}
          data-run-started={snapshot.startedAt}
        >
          <span className={cn("h-1.5 w-1.5 rounded-full", status.tone)} />
          {status.label}
        </span>
        <div className="ml-auto flex items-center gap-1">
          <div role="radiogroup" aria-label="Text view" className="flex rounded-md bg-zinc-100 p-0.5 dark:bg-zinc-800">
            {(["raw", "markdown"] as const).map((option) => (
              // biome-ignore lint/a11y/useSemanticElements: a segmented control styled as buttons
              <button
                key={option}
                type="button"
                role="radio"
                aria-checked={mode === option}
                data-testid={`view-${option}`}
                onClick={() => setMode(option)}
                className={cn(
                  "rounded px-2 py-0.5 text-[11px] font-medium capitalize",
                  mode === option
                    ? "bg-white shadow-xs dark:bg-zinc-950"
                    : "text-zinc-500 hover:text-zinc-800 dark:hover:text-zinc-200",
                )}
              >
                {option}
              </button>
            ))}
          </div>
          <Button
            size="sm"
            variant="ghost"
            aria-label="Copy output"
            disabled={snapshot.text === ""}
            onClick={() => void navigator.clipboard?.writeText(snapshot.text)}
          >
            <CopyIcon />
          </Button>
          <Button
            size="sm"
            variant="ghost"
            data-testid="add-to-conversation"
            disabled={running || snapshot.text.trim() === "" || hasCalls}
            onClick={onAddToConversation}
            title="Append this answer as an assistant message, then write the next user message"
          >
            <PlusIcon /> Add to conversation
          </Button>
        </div>
      </header>
      <div
        ref={scroller}
        className="min-h-0 flex-1 space-y-3 overflow-y-auto px-4 py-3"
        data-testid="transcript"
        aria-live="off"
      >
        {snapshot.status === "idle" ? (
          <p className="pt-6 text-center text-xs text-zinc-400" data-testid="transcript-empty">
            Press <kbd className="rounded border border-zinc-300 px-1 font-sans dark:border-zinc-700">Ctrl</kbd>+
            <kbd className="rounded border border-zinc-300 px-1 font-sans dark:border-zinc-700">Enter</kbd> or Run: the
            answer streams here.
          </p>
        ) : null}
        {snapshot.text !== "" || (running && !hasCalls) ? (
          mode === "raw" ? (
            <pre
              data-testid="transcript-text"
              className="font-mono text-[13px] leading-6 break-words whitespace-pre-wrap text-zinc-900 dark:text-zinc-100"
            >
              {snapshot.text}
              {running ? (
                <span className="ml-px inline-block h-4 w-1.5 translate-y-0.5 animate-pulse bg-zinc-400" aria-hidden />
              ) : null}
            </pre>
          ) : (
            <div data-testid="transcript-text">
              <Markdown text={snapshot.text} />
            </div>
          )
        ) : null}
        {hasCalls ? (
          <div className="space-y-2" data-testid="tool-calls">
            {snapshot.toolCalls.map((call) => (
              <ToolCallCard
                key={`${call.index}:${call.id}`}
                call={call}
                definition={functions.find((fn) => fn?.name === call.name)}
                streaming={running}
                result={results[call.id] ?? ""}
                onResultChange={(value) => setResults((current) => ({ ...current, [call.id]: value }))}
              />
            ))}
            {!running ? (
              <div className="flex items-center justify-end gap-2">
                <span className="text-[11px] text-zinc-500">Appends the call and your result(s), then runs again.</span>
                <Button variant="primary" size="sm" data-testid="tool-continue" onClick={() => onContinue(results)}>
                  Continue
                </Button>
              </div>
            ) : null}
          </div>
        ) : null}
        {snapshot.error ? (
          <RunError error={snapshot.error} providerLabel={providerLabel} onAction={onErrorAction} />
        ) : null}
      </div>
      {snapshot.result ? (
        <footer className="shrink-0 border-t border-zinc-200 px-4 py-2 dark:border-zinc-800">
          <RunMetrics result={snapshot.result} />
        </footer>
      ) : null}
    </section>
  );
}
