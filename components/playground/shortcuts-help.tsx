"use client";

import { Button } from "@/components/ui/button";
import { HelpIcon } from "@/components/ui/icons";

const SHORTCUTS: [string, string][] = [
  ["Ctrl / ⌘ + Enter", "Run"],
  ["Esc", "Stop the run"],
  ["Shift + Alt + F", "Format the JSON (in the editor)"],
  ["Ctrl / ⌘ + Space", "Complete a field name (in the editor)"],
  ["?", "Show these shortcuts"],
];

export const SHORTCUTS_POPOVER_ID = "shortcuts-help";

/** The `?` button and its popover (the browser's popover API: light dismiss and Escape for free). */
export function ShortcutsHelp() {
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Keyboard shortcuts"
        data-testid="help-button"
        popoverTarget={SHORTCUTS_POPOVER_ID}
      >
        <HelpIcon />
      </Button>
      <div
        id={SHORTCUTS_POPOVER_ID}
        popover="auto"
        data-testid="shortcuts-help"
        className="fixed inset-auto top-12 right-3 m-0 w-80 rounded-lg border border-zinc-200 bg-white p-3 text-zinc-900 shadow-xl dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 className="mb-2 text-xs font-semibold">Keyboard shortcuts</h2>
        <dl className="space-y-1.5">
          {SHORTCUTS.map(([keys, action]) => (
            <div key={keys} className="flex items-center justify-between gap-3 text-xs">
              <dt className="text-zinc-600 dark:text-zinc-400">{action}</dt>
              <dd>
                <kbd className="whitespace-nowrap rounded border border-zinc-200 bg-zinc-50 px-1.5 py-px font-mono text-[11px] dark:border-zinc-700 dark:bg-zinc-800">
                  {keys}
                </kbd>
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </>
  );
}

export function toggleShortcutsHelp() {
  document.getElementById(SHORTCUTS_POPOVER_ID)?.togglePopover();
}
