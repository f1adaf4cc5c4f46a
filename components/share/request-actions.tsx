"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { HistoryDialog } from "@/components/history/history-dialog";
import { openInCompare, toPlaygroundDraft } from "@/components/nav/open-request";
import { Button } from "@/components/ui/button";
import { markForeignBaseUrl } from "@/lib/client/base-url-trust";
import { publicDraft, type RequestDraft } from "@/lib/client/draft";
import { entrySnapshot, type HistoryEntry } from "@/lib/client/run-history";
import type { RunSnapshot } from "@/lib/client/run-types";
import type { ImportResult } from "@/lib/import/import-request";
import { encodeRequestFragment } from "@/lib/share/request-link";
import { toShareableRequest } from "@/lib/share/shareable-request";
import { ExportDialog } from "./export-dialog";
import { ImportDialog } from "./import-dialog";
import type { ShareTarget } from "./share-dialog";
import { useShareFlow } from "./use-share-flow";

type Metrics = Record<string, number | string | boolean | null>;

/** The scalar metrics of a run (what a snapshot keeps; warnings and nested values stay home). */
export function scalarMetrics(result: object | undefined): Metrics | undefined {
  if (!result) return undefined;
  return Object.fromEntries(
    Object.entries(result).filter(
      ([, value]) => value === null || ["number", "string", "boolean"].includes(typeof value),
    ),
  ) as Metrics;
}

/**
 * The playground header's Share / Code / Import / History buttons and their dialogs. Works on the form
 * in context; `onShowRun` puts a run from the history in the output panel.
 */
export function RequestActions({
  snapshot,
  onShowRun,
}: {
  snapshot: RunSnapshot;
  onShowRun: (run: RunSnapshot) => void;
}) {
  const form = useFormContext<RequestDraft>();
  const router = useRouter();
  const [dialog, setDialog] = useState<"import" | "history">();
  const [exported, setExported] = useState<RequestDraft>();
  const flow = useShareFlow();
  const [toast, setToast] = useState<{ text: string; undo: () => void }>();

  const share = () => {
    const draft = publicDraft(form.getValues());
    const { fragment, dropped } = encodeRequestFragment(draft);
    const { request } = toShareableRequest(draft);
    const hasOutput = snapshot.status === "done" && (snapshot.text !== "" || snapshot.toolCalls.length > 0);
    const output = {
      text: snapshot.text,
      toolCalls: snapshot.toolCalls.map(({ id, name, arguments: a }) => ({ id, name, arguments: a })),
    };
    const next: ShareTarget = {
      url: `${window.location.origin}/#${fragment}`,
      dropped,
      snapshot: { request },
      withOutput: hasOutput ? { request, output, metrics: scalarMetrics(snapshot.result) } : undefined,
    };
    flow.share(next, request);
  };

  const onImport = (result: Extract<ImportResult, { ok: true }>) => {
    const previous = publicDraft(form.getValues());
    form.reset(publicDraft(result.request));
    markForeignBaseUrl(result.request);
    const ignored = result.ignored.length > 0 ? ` Ignored: ${result.ignored.join(", ")}.` : "";
    setToast({
      text: `Imported the ${result.label}.${ignored} ${result.notes.join(" ")}`,
      undo: () => form.reset(previous),
    });
  };

  const openRun = (entry: HistoryEntry) => {
    form.reset(toPlaygroundDraft(entry.request));
    onShowRun(entrySnapshot(entry));
    setDialog(undefined);
  };

  // Client-side navigation: keys held in this tab's memory come along.
  const compareRun = (entry: HistoryEntry) => openInCompare(entry.request, router.push);

  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        onClick={share}
        data-testid="share-button"
        title="Copy a link to this request (no key)"
      >
        Share
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setExported(publicDraft(form.getValues()))}
        data-testid="export-code-button"
        title="curl, Python, TypeScript or the provider's SDK"
      >
        Code
      </Button>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => setDialog("import")}
        data-testid="import-button"
        title="Paste a curl command or a JSON body"
      >
        Import
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setDialog("history")} data-testid="history-button">
        History
      </Button>
      {flow.dialogs}
      <ExportDialog request={exported} onClose={() => setExported(undefined)} />
      <ImportDialog open={dialog === "import"} onClose={() => setDialog(undefined)} onImport={onImport} />
      <HistoryDialog
        open={dialog === "history"}
        onClose={() => setDialog(undefined)}
        onOpen={openRun}
        onCompare={compareRun}
      />
      {toast ? (
        <div
          role="status"
          data-testid="import-notice"
          className="fixed bottom-4 left-1/2 z-50 flex max-w-[min(640px,calc(100vw-2rem))] -translate-x-1/2 items-start gap-3 rounded-lg bg-zinc-900 px-4 py-2.5 text-xs text-white shadow-xl dark:bg-zinc-100 dark:text-zinc-900"
        >
          <span>{toast.text}</span>
          <button
            type="button"
            className="shrink-0 underline"
            data-testid="import-undo"
            onClick={() => {
              toast.undo();
              setToast(undefined);
            }}
          >
            Undo
          </button>
          <button type="button" className="shrink-0 underline" onClick={() => setToast(undefined)}>
            Close
          </button>
        </div>
      ) : null}
    </>
  );
}
