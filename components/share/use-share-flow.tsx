"use client";

import { type ReactNode, useRef, useState } from "react";
import { findSecrets, type SecretFinding } from "@/lib/share/detect-keys";
import { KeyWarningDialog } from "./key-warning-dialog";
import { ShareDialog, type ShareTarget } from "./share-dialog";

/**
 * Share, in two steps when needed: if what would go into the link looks like it holds a key, the sender confirms
 * first (KeyWarningDialog), then the link is shown (ShareDialog). `dialogs` must be rendered by the caller.
 */
export function useShareFlow(): { share: (target: ShareTarget, shared: unknown) => void; dialogs: ReactNode } {
  const [findings, setFindings] = useState<SecretFinding[]>();
  const [target, setTarget] = useState<ShareTarget>();
  const pending = useRef<ShareTarget | undefined>(undefined);

  const share = (next: ShareTarget, shared: unknown) => {
    const found = findSecrets(shared);
    if (found.length === 0) return setTarget(next);
    pending.current = next;
    setFindings(found);
  };

  const dialogs = (
    <>
      <KeyWarningDialog
        findings={findings}
        onCancel={() => setFindings(undefined)}
        onContinue={() => {
          setFindings(undefined);
          setTarget(pending.current);
        }}
      />
      <ShareDialog target={target} onClose={() => setTarget(undefined)} />
    </>
  );
  return { share, dialogs };
}
