"use client";

import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CopyIcon, DownloadIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import { downloadText } from "@/lib/client/download";
import { copyText } from "@/lib/client/short-link";
import { allSnippets, type SnippetKind } from "@/lib/share/export/code-snippets";

/** The request as code (curl, Parea's Python SDK, fetch, the provider's own SDK); keys are always placeholders. */
export function ExportDialog({ request, onClose }: { request: unknown; onClose: () => void }) {
  const [kind, setKind] = useState<SnippetKind>("curl");
  const [copied, setCopied] = useState(false);
  const snippets = useMemo(
    () => (request === undefined ? [] : allSnippets(request, window.location.origin)),
    [request],
  );
  const snippet = snippets.find((entry) => entry.kind === kind) ?? snippets[0];

  return (
    <Dialog
      open={request !== undefined}
      onClose={onClose}
      title="Export as code"
      testId="export-dialog"
      className="w-[min(860px,calc(100vw-2rem))]"
      description="Keys are placeholders read from the environment ($OPENAI_API_KEY, process.env…): the code is safe to paste anywhere."
      footer={
        <>
          <Button
            data-testid="export-download"
            onClick={() => snippet && downloadText(snippet.fileName, snippet.code, "text/plain")}
          >
            <DownloadIcon /> Download
          </Button>
          <Button
            variant="primary"
            data-testid="export-copy"
            onClick={async () => {
              if (snippet && (await copyText(snippet.code))) {
                setCopied(true);
                setTimeout(() => setCopied(false), 1200);
              }
            }}
          >
            <CopyIcon /> {copied ? "Copied" : "Copy"}
          </Button>
        </>
      }
    >
      <div role="tablist" aria-label="Language" className="mb-3 flex flex-wrap gap-1">
        {snippets.map((entry) => (
          <button
            key={entry.kind}
            type="button"
            role="tab"
            aria-selected={entry.kind === snippet?.kind}
            data-testid={`export-tab-${entry.kind}`}
            onClick={() => setKind(entry.kind)}
            className={cn(
              "rounded-md px-2.5 py-1 text-xs font-medium",
              entry.kind === snippet?.kind
                ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
            )}
          >
            {entry.label}
          </button>
        ))}
      </div>
      <pre
        data-testid="export-code"
        data-kind={snippet?.kind}
        className="max-h-[55vh] overflow-auto rounded-md bg-zinc-950 p-3 font-mono text-[12px] leading-5 whitespace-pre text-zinc-100"
      >
        {snippet?.code}
      </pre>
    </Dialog>
  );
}
