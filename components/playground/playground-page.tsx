"use client";

import { useEffect, useState } from "react";
import { Playground } from "./playground";

/**
 * The client root. The playground lives in the browser (draft, keys, last run are all local), so it renders after
 * mount: no server/client mismatch and no flash of the default draft before the saved one.
 */
export function PlaygroundPage() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) {
    return (
      <div className="flex h-dvh items-center justify-center text-xs text-zinc-400" data-testid="playground-loading">
        Loading playground…
      </div>
    );
  }
  return <Playground />;
}
