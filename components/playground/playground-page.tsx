"use client";

import { useEffect, useState } from "react";
import { type OpenedLink, openSharedLink } from "@/lib/client/open-shared-link";
import { isShareFragment } from "@/lib/share/share-link";
import { Playground } from "./playground";

/** Shared by strict mode's two effect runs: the link is read, and taken off the URL, once per visit. */
let opening: ReturnType<typeof openSharedLink> | undefined;

/**
 * The client root. The playground lives in the browser (draft, keys, last run are all local), so it renders after
 * mount: no server/client mismatch and no flash of the default draft before the saved one. A share link in the
 * address is loaded first, as the new draft.
 */
export function PlaygroundPage() {
  const [opened, setOpened] = useState<OpenedLink>();
  useEffect(() => {
    opening ??= openSharedLink(window.location);
    void opening.then((result) => {
      opening = undefined;
      if (result.redirect) window.location.replace(result.redirect);
      else setOpened(result);
    });
    // A link pasted into the address bar of an open playground changes only the fragment: open it for real.
    const onHashChange = () => isShareFragment(window.location.hash) && window.location.reload();
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, []);
  if (!opened) {
    return (
      <div className="flex h-dvh items-center justify-center text-xs text-zinc-400" data-testid="playground-loading">
        Loading playground…
      </div>
    );
  }
  return <Playground opened={opened} />;
}
