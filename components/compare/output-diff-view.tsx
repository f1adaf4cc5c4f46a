"use client";

import { useMemo } from "react";
import { diffOutputs, type WordChange } from "@/lib/compare/output-diff";

function short(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? "undefined" : text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The column's output against the baseline's: words added and removed, or JSON paths added, removed, changed. */
export function OutputDiffView({ baseline, text, testId }: { baseline: string; text: string; testId: string }) {
  const diff = useMemo(() => diffOutputs(baseline, text), [baseline, text]);
  if (diff.kind === "too-different") {
    return (
      <p className="text-xs text-zinc-500" data-testid={testId} data-diff="too-different">
        Too different from the baseline for a word diff.
      </p>
    );
  }
  if (diff.kind === "json") {
    return (
      <div data-testid={testId} data-diff="json" className="space-y-1 font-mono text-[11px]">
        {diff.changes.length === 0 ? <p className="text-zinc-500">Same JSON as the baseline.</p> : null}
        {diff.changes.map((change) => (
          <p key={`${change.kind}:${change.path}`} data-testid={`${testId}-change`} data-kind={change.kind}>
            <span
              className={
                change.kind === "added"
                  ? "text-emerald-700 dark:text-emerald-400"
                  : change.kind === "removed"
                    ? "text-red-700 dark:text-red-400"
                    : "text-amber-700 dark:text-amber-400"
              }
            >
              {change.kind === "added" ? "+" : change.kind === "removed" ? "−" : "~"} {change.path}
            </span>{" "}
            <span className="text-zinc-500">
              {change.kind === "changed"
                ? `${short(change.before)} → ${short(change.after)}`
                : short(change.kind === "added" ? change.after : change.before)}
            </span>
          </p>
        ))}
      </div>
    );
  }
  const changed = diff.changes.filter((change) => change.added || change.removed).length;
  return (
    <pre
      data-testid={testId}
      data-diff="words"
      data-changes={changed}
      className="font-mono text-[12px] leading-5 break-words whitespace-pre-wrap"
    >
      {diff.changes.map((change, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a diff is a fixed sequence
        <WordPiece key={index} change={change} />
      ))}
    </pre>
  );
}

function WordPiece({ change }: { change: WordChange }) {
  if (change.added) {
    return (
      <ins className="bg-emerald-100 text-emerald-900 no-underline dark:bg-emerald-500/20 dark:text-emerald-200">
        {change.value}
      </ins>
    );
  }
  if (change.removed) {
    return <del className="bg-red-100 text-red-900 dark:bg-red-500/20 dark:text-red-200">{change.value}</del>;
  }
  return <span>{change.value}</span>;
}
