import type { ReactNode } from "react";
import { SparkIcon } from "@/components/ui/icons";
import { TopNav } from "./top-nav";

/** The frame of the non-playground pages: the brand, the top nav, an optional toolbar, then the page. */
export function PageShell({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-10 flex h-12 shrink-0 items-center gap-3 border-b border-zinc-200 bg-white px-3 dark:border-zinc-800 dark:bg-zinc-950">
        <span className="flex h-6 w-6 items-center justify-center rounded-md bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900">
          <SparkIcon width={13} height={13} />
        </span>
        <h1 className="text-sm font-semibold tracking-tight" data-testid="page-title">
          {title}
        </h1>
        <TopNav className="ml-2" />
        {actions ? <div className="ml-auto flex items-center gap-1">{actions}</div> : null}
      </header>
      <main className="flex min-h-0 flex-1 flex-col">{children}</main>
    </div>
  );
}
