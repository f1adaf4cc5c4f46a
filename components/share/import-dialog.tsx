"use client";

import { useId, useMemo, useState } from "react";
import { AutoTextarea } from "@/components/ui/auto-textarea";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { monoInputClass } from "@/components/ui/field";
import { type ImportResult, importRequest } from "@/lib/import/import-request";

/**
 * Paste a curl command (ours, OpenAI's, Anthropic's) or a JSON body: what was recognised, what will be ignored and
 * why, before anything replaces the form.
 */
export function ImportDialog({
  open,
  onClose,
  onImport,
}: {
  open: boolean;
  onClose: () => void;
  onImport: (result: Extract<ImportResult, { ok: true }>) => void;
}) {
  const id = useId();
  const [text, setText] = useState("");
  const result = useMemo(() => (text.trim() === "" ? undefined : importRequest(text)), [text]);

  const close = () => {
    setText("");
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Import a request"
      testId="import-dialog"
      className="w-[min(760px,calc(100vw-2rem))]"
      description="A curl command (this playground's, OpenAI's or Anthropic's), an OpenAI chat completions body, an Anthropic messages body or a Parea body. Keys in it are never imported."
      footer={
        <>
          <Button onClick={close}>Cancel</Button>
          <Button
            variant="primary"
            data-testid="import-apply"
            disabled={!result?.ok}
            onClick={() => {
              if (!result?.ok) return;
              onImport(result);
              close();
            }}
          >
            Replace the form
          </Button>
        </>
      }
    >
      <label htmlFor={id} className="sr-only">
        Command or JSON
      </label>
      <AutoTextarea
        id={id}
        data-testid="import-input"
        value={text}
        onChange={(event) => setText(event.target.value)}
        minRows={8}
        maxHeight={360}
        spellCheck={false}
        placeholder={"curl https://api.openai.com/v1/chat/completions -H … -d '{…}'"}
        className={monoInputClass}
        data-autofocus
      />
      {result ? <ImportSummary result={result} /> : null}
    </Dialog>
  );
}

export function ImportSummary({ result }: { result: ImportResult }) {
  if (!result.ok) {
    return (
      <p className="mt-3 text-xs text-red-600 dark:text-red-400" data-testid="import-error">
        {result.error}
      </p>
    );
  }
  const configuration = result.request.llm_configuration ?? {};
  return (
    <div className="mt-3 space-y-1.5 text-xs" data-testid="import-summary">
      <p>
        <span className="font-medium">{result.label}</span>
        <span className="text-zinc-500">
          {" "}
          → {configuration.provider ?? "?"}/{configuration.model ?? "?"}, {configuration.messages?.length ?? 0}{" "}
          message(s)
          {configuration.functions?.length ? `, ${configuration.functions.length} function(s)` : ""}
        </span>
      </p>
      <p className="text-zinc-500" data-testid="import-ignored">
        {result.ignored.length > 0 ? `Ignored (no equivalent): ${result.ignored.join(", ")}` : "Nothing ignored."}
      </p>
      {result.notes.map((note) => (
        <p key={note} className="text-amber-700 dark:text-amber-400" data-testid="import-note">
          {note}
        </p>
      ))}
    </div>
  );
}
