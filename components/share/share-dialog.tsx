"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatBytes } from "@/lib/client/format";
import { createShortLink } from "@/lib/client/short-link";
import { LONG_URL_CHARS } from "@/lib/share/share-link";
import type { SnapshotInput } from "@/lib/share/snapshot-schema";
import { LinkField } from "./link-field";

export interface ShareTarget {
  /** The full link, everything in its #fragment. */
  url: string;
  /** Paths the allow-list left out. */
  dropped: string[];
  /** What a short link stores, without and with the last output. */
  snapshot: SnapshotInput;
  withOutput?: SnapshotInput;
}

/**
 * The link, ready to copy. Long links (over ~8 KB, which chat apps and mail clients cut) get a short link
 * instead: an immutable snapshot on this server, optionally with the output and metrics of the last run.
 */
export function ShareDialog({ target, onClose }: { target: ShareTarget | undefined; onClose: () => void }) {
  const [short, setShort] = useState<{ url?: string; error?: string; busy?: boolean }>({});
  const [includeOutput, setIncludeOutput] = useState(false);
  const long = (target?.url.length ?? 0) > LONG_URL_CHARS;

  const close = () => {
    setShort({});
    setIncludeOutput(false);
    onClose();
  };

  const makeShort = async () => {
    if (!target) return;
    setShort({ busy: true });
    const result = await createShortLink(includeOutput && target.withOutput ? target.withOutput : target.snapshot);
    setShort("url" in result ? { url: result.url } : { error: result.error });
  };

  return (
    <Dialog
      open={target !== undefined}
      onClose={close}
      title="Share"
      testId="share-dialog"
      description="The link holds the whole request, never a key: whoever opens it runs it with their own keys."
      footer={
        <Button variant="primary" onClick={close} data-testid="share-done">
          Done
        </Button>
      }
    >
      {target ? (
        <div className="space-y-4 text-xs">
          <div className="space-y-1.5">
            <LinkField url={target.url} testId="share-link" label="Share link" />
            <p className="text-zinc-500" data-testid="share-link-size">
              {formatBytes(target.url.length)} link
              {long ? " — too long for some chat apps and mail clients: use a short link." : ""}
            </p>
            {target.dropped.length > 0 ? (
              <p className="text-zinc-500" data-testid="share-dropped">
                Not shared: {target.dropped.join(", ")}
              </p>
            ) : null}
          </div>
          <div
            className={long ? "rounded-md border border-amber-300 p-3 dark:border-amber-500/40" : "space-y-2"}
            data-testid="share-short-section"
          >
            <p className="mb-2 text-zinc-600 dark:text-zinc-300">
              A short link stores an immutable copy on this server, reachable by an unguessable id.
            </p>
            <div className="flex flex-wrap items-center gap-3">
              {target.withOutput ? (
                <label className="flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    data-testid="share-include-output"
                    checked={includeOutput}
                    onChange={(event) => setIncludeOutput(event.target.checked)}
                  />
                  Include the last output and metrics
                </label>
              ) : null}
              <Button
                size="sm"
                variant={long ? "primary" : "secondary"}
                disabled={short.busy}
                onClick={makeShort}
                data-testid="share-create-short"
              >
                {short.busy ? "Creating…" : "Create short link"}
              </Button>
            </div>
            {short.url ? (
              <div className="mt-2">
                <LinkField url={short.url} testId="share-short-link" label="Short link" />
              </div>
            ) : null}
            {short.error ? (
              <p className="mt-2 text-red-600 dark:text-red-400" data-testid="share-short-error">
                {short.error}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
