"use client";

import { useState } from "react";
import { cn } from "@/lib/client/cn";
import { publicDraft, type RequestDraft } from "@/lib/client/draft";
import { type OpenedLink, previousDraft } from "@/lib/client/open-shared-link";
import { STORAGE_KEYS, writeStored } from "@/lib/client/storage";

/**
 * What the page made of the link it was opened with: a shared request loaded (info), or a link it could not use
 * (warning, defaults loaded, nothing run). Either way the draft it replaced can be brought back: `current` and
 * `onRestore` read and replace the page's request (the playground's form, the compare view's shared request).
 */
export function ShareNotice({
  opened,
  current,
  onRestore,
}: {
  opened: OpenedLink;
  current: () => unknown;
  onRestore: (draft: RequestDraft) => void;
}) {
  const [visible, setVisible] = useState(true);
  const [restored, setRestored] = useState(false);
  if (!visible || opened.status === "none") return null;
  const failed = opened.status === "failed";

  const restore = () => {
    const previous = previousDraft();
    if (!previous) return;
    // Swap, so the shared request is one click away too.
    writeStored(STORAGE_KEYS.previousDraft, publicDraft(current()));
    onRestore(previous);
    setRestored(true);
  };

  return (
    <div
      className={cn(
        "flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-1.5 text-xs",
        failed
          ? "bg-amber-50 text-amber-800 dark:bg-amber-500/10 dark:text-amber-300"
          : "bg-blue-50 text-blue-800 dark:bg-blue-500/10 dark:text-blue-300",
      )}
      role={failed ? "alert" : "status"}
      data-testid={failed ? "share-notice" : "share-opened"}
    >
      <span>
        {opened.message}
        {failed ? " The defaults were loaded instead; nothing was run." : ""}
      </span>
      {opened.restorable && !restored ? (
        <button type="button" className="underline" data-testid="share-restore-previous" onClick={restore}>
          Restore your previous draft
        </button>
      ) : null}
      <button type="button" className="ml-auto underline" onClick={() => setVisible(false)}>
        Dismiss
      </button>
    </div>
  );
}
