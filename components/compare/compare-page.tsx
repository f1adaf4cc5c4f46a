"use client";

import { useEffect, useState } from "react";
import { type OpenedComparison, openComparison } from "@/lib/client/open-comparison";
import { CompareView } from "./compare-view";

/** Shared by strict mode's two effect runs: the link is read, and taken off the URL, once per visit. */
let opening: Promise<OpenedComparison> | undefined;

/** The client root of /compare: everything it shows lives in the browser, so it renders after mount. */
export function ComparePage() {
  const [loaded, setLoaded] = useState<OpenedComparison>();
  useEffect(() => {
    opening ??= openComparison(window.location);
    void opening.then((result) => {
      opening = undefined;
      if (result.redirect) window.location.replace(result.redirect);
      else setLoaded(result);
    });
  }, []);
  if (!loaded) {
    return (
      <div className="flex h-dvh items-center justify-center text-xs text-zinc-400" data-testid="compare-loading">
        Loading comparison…
      </div>
    );
  }
  return <CompareView initial={loaded.state} opened={loaded.opened} />;
}
