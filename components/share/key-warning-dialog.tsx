"use client";

import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { SecretFinding } from "@/lib/share/detect-keys";

/** Asked before a link is made from a request that seems to hold a key: where, what it looks like, masked. */
export function KeyWarningDialog({
  findings,
  onContinue,
  onCancel,
}: {
  findings: readonly SecretFinding[] | undefined;
  onContinue: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog
      open={findings !== undefined}
      onClose={onCancel}
      title="This request seems to contain a key"
      testId="share-key-warning"
      description="Anyone with the link can read everything in it. Remove the key from the request before sharing, unless you are sure it is not one."
      footer={
        <>
          <Button onClick={onCancel} data-testid="share-key-warning-cancel" data-autofocus>
            Cancel and edit
          </Button>
          <Button variant="danger" onClick={onContinue} data-testid="share-key-warning-continue">
            Share anyway
          </Button>
        </>
      }
    >
      <ul className="space-y-1.5 text-xs" data-testid="share-key-warning-list">
        {(findings ?? []).map((finding, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list shown once
          <li key={index} className="flex flex-wrap items-baseline gap-x-2">
            <code className="font-mono text-[11px] text-zinc-700 dark:text-zinc-300">{finding.path}</code>
            <span className="text-zinc-500">{finding.kind}</span>
            <code className="font-mono text-[11px] text-red-600 dark:text-red-400">{finding.preview}</code>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
