"use client";

import { useEffect, useRef } from "react";

export interface ShortcutHandlers {
  run: () => void;
  stop: () => void;
  running: boolean;
  toggleHelp: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Global keys: Mod+Enter runs, Escape stops a run, `?` opens the shortcut list (when not typing). */
export function useShortcuts(handlers: ShortcutHandlers) {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const current = latest.current;
      if (event.key === "Enter" && (event.metaKey || event.ctrlKey) && !event.shiftKey && !event.altKey) {
        event.preventDefault();
        event.stopPropagation();
        current.run();
        return;
      }
      // Capture phase: a dialog or the editor would otherwise take Escape first. Only while running, so Escape
      // keeps closing menus and dialogs the rest of the time.
      if (event.key === "Escape" && current.running) {
        event.preventDefault();
        current.stop();
        return;
      }
      if (event.key === "?" && !isTyping(event.target) && !event.metaKey && !event.ctrlKey) {
        event.preventDefault();
        current.toggleHelp();
      }
    };
    window.addEventListener("keydown", onKeyDown, true);
    return () => window.removeEventListener("keydown", onKeyDown, true);
  }, []);
}
