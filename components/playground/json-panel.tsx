"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import type { useJsonSync } from "@/lib/hooks/use-json-sync";

// Monaco touches `window` at import: it must never be part of the server render.
const JsonEditor = dynamic(() => import("./json-editor").then((module) => module.JsonEditor), {
  ssr: false,
  loading: () => <p className="p-3 text-xs text-zinc-400">Loading editor…</p>,
});

export function JsonPanel({
  sync,
  dark,
  onCopy,
}: {
  sync: ReturnType<typeof useJsonSync>;
  dark: boolean;
  onCopy: () => Promise<void>;
}) {
  const [initialText] = useState(sync.initialText);
  const [copied, setCopied] = useState(false);
  const errors = sync.problems.filter((problem) => problem.severity === "error");
  const warnings = sync.problems.filter((problem) => problem.severity === "warning");

  return (
    <section aria-label="Request JSON" className="flex min-h-0 flex-1 flex-col" data-testid="json-panel">
      <header className="flex h-9 shrink-0 items-center gap-2 border-b border-zinc-200 px-3 dark:border-zinc-800">
        <h2 className="text-xs font-semibold">Request JSON</h2>
        <span
          data-testid="json-status"
          className={cn(
            "rounded-full px-1.5 py-px text-[10px] font-medium",
            errors.length > 0
              ? "bg-red-50 text-red-700 dark:bg-red-500/10 dark:text-red-400"
              : "bg-emerald-50 text-emerald-700 dark:bg-emerald-500/10 dark:text-emerald-400",
          )}
        >
          {errors.length > 0 ? `${errors.length} problem${errors.length > 1 ? "s" : ""}` : "valid"}
        </span>
        <span className="ml-auto hidden text-[11px] text-zinc-400 xl:inline">
          in sync with the form · key never shown
        </span>
        <Button
          size="sm"
          variant="ghost"
          data-testid="copy-json"
          onClick={async () => {
            await onCopy();
            setCopied(true);
            setTimeout(() => setCopied(false), 1200);
          }}
        >
          <CopyIcon /> {copied ? "Copied" : "Copy"}
        </Button>
      </header>
      <div className="relative min-h-0 flex-1" data-testid="json-editor">
        <JsonEditor
          initialText={initialText}
          onChange={sync.onEditorChange}
          attach={sync.attach}
          problems={sync.problems}
          dark={dark}
        />
      </div>
      {sync.problems.length > 0 ? (
        <ul
          data-testid="json-errors"
          aria-live="polite"
          className="max-h-28 shrink-0 overflow-y-auto border-t border-zinc-200 bg-red-50/60 px-3 py-1.5 text-[11px] dark:border-zinc-800 dark:bg-red-500/5"
        >
          {[...errors, ...warnings].map((problem, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity; the list is replaced whole
              key={index}
              className={cn(
                "py-0.5 font-mono",
                problem.severity === "error" ? "text-red-700 dark:text-red-400" : "text-amber-700 dark:text-amber-400",
              )}
            >
              {problem.message}
            </li>
          ))}
          {errors.length > 0 ? (
            <li className="pt-0.5 text-zinc-500 dark:text-zinc-400">
              The form keeps the last valid request until this is fixed.
            </li>
          ) : null}
        </ul>
      ) : null}
    </section>
  );
}
