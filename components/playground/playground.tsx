"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useCallback, useState } from "react";
import { FormProvider, type Resolver, useForm, useWatch } from "react-hook-form";
import { RequestActions } from "@/components/share/request-actions";
import { ShareNotice } from "@/components/share/share-notice";
import { ConfirmDialog } from "@/components/ui/dialog";
import { confirmBaseUrl, unconfirmedBaseUrl } from "@/lib/client/base-url-trust";
import { cn } from "@/lib/client/cn";
import { downloadText } from "@/lib/client/download";
import { defaultDraft, draftToJson, type RequestDraft } from "@/lib/client/draft";
import { loadDraft, saveDraft } from "@/lib/client/draft-storage";
import type { OpenedLink } from "@/lib/client/open-shared-link";
import type { RunErrorAction } from "@/lib/client/run-errors";
import { recordRun } from "@/lib/client/run-history";
import { useDraftAutosave } from "@/lib/hooks/use-draft-autosave";
import { useJsonSync } from "@/lib/hooks/use-json-sync";
import { useModels } from "@/lib/hooks/use-models";
import { useRequestRunner } from "@/lib/hooks/use-request-runner";
import { useRun } from "@/lib/hooks/use-run";
import { useShortcuts } from "@/lib/hooks/use-shortcuts";
import { useTheme } from "@/lib/hooks/use-theme";
import { baseUrlHost, displayBaseUrl } from "@/lib/schema/base-url";
import { completionRequestSchema, type FunctionDefinition } from "@/lib/schema/completion-request";
import { FormPanel } from "./form-panel";
import { JsonPanel } from "./json-panel";
import { KeysDialog } from "./keys-dialog";
import { providerLabel } from "./model-picker";
import { OutputPanel } from "./output-panel";
import { PlaygroundHeader } from "./playground-header";
import { toggleShortcutsHelp } from "./shortcuts-help";

type View = "form" | "json" | "output";

export function Playground({ opened }: { opened?: OpenedLink }) {
  const [loaded] = useState(loadDraft);
  const form = useForm<RequestDraft>({
    defaultValues: loaded.draft,
    resolver: zodResolver(completionRequestSchema) as unknown as Resolver<RequestDraft>,
    mode: "onChange",
  });
  const [notice, setNotice] = useState(loaded.notice);
  const [keysDialog, setKeysDialog] = useState<{ open: boolean; provider?: string }>({ open: false });
  const [confirmNew, setConfirmNew] = useState(false);
  const [foreignBaseUrl, setForeignBaseUrl] = useState<string | undefined>();
  const [view, setView] = useState<View>("form");
  const theme = useTheme();
  const runner = useRun({ onFinished: recordRun });
  const actions = useRequestRunner(form, runner);
  const sync = useJsonSync(form);
  const models = useModels();
  useDraftAutosave(form);

  const provider = useWatch({ control: form.control, name: "llm_configuration.provider" as never }) as unknown as
    | string
    | undefined;
  const functions = (useWatch({ control: form.control, name: "llm_configuration.functions" as never }) ??
    []) as unknown as FunctionDefinition[];
  const runProvider = runner.snapshot.provider ?? provider;
  const label = providerLabel(runProvider, models.data?.providers);

  const runConfirmed = useCallback(() => {
    setView((current) => (current === "form" ? "output" : current));
    void actions.runNow();
  }, [actions]);

  // A base URL that came with a link, an import or a deployment: its host is named and accepted once before a run.
  const run = useCallback(() => {
    const foreign = unconfirmedBaseUrl(form.getValues());
    if (foreign) setForeignBaseUrl(foreign);
    else runConfirmed();
  }, [form, runConfirmed]);

  useShortcuts({ run, stop: runner.stop, running: runner.running, toggleHelp: toggleShortcutsHelp });

  const onErrorAction = (action: RunErrorAction) => {
    if (action === "add-key") setKeysDialog({ open: true, provider: runProvider });
    else if (action === "access-key") setKeysDialog({ open: true });
    else if (action === "retry") run();
    else if (action === "check-model") form.setFocus("llm_configuration.model" as never);
    else if (action === "check-base-url") form.setFocus("llm_configuration.base_url" as never);
    else setView("json");
  };

  const reset = () => {
    const draft = defaultDraft();
    form.reset(draft);
    saveDraft(draft);
    runner.clear();
    setNotice(undefined);
    setConfirmNew(false);
  };

  const panelClass = (name: View) => cn(view === name ? "flex" : "hidden", "min-h-0 flex-col lg:flex");

  return (
    <FormProvider {...form}>
      <div className="flex h-dvh flex-col">
        <PlaygroundHeader
          running={runner.running}
          onRun={run}
          onStop={runner.stop}
          onExport={() => downloadText("request.json", draftToJson(form.getValues()))}
          onNew={() => setConfirmNew(true)}
          onOpenKeys={() => setKeysDialog({ open: true, provider })}
          theme={theme.preference}
          onCycleTheme={theme.cycle}
          tools={<RequestActions snapshot={runner.snapshot} onShowRun={runner.restore} />}
        />
        {opened ? (
          <ShareNotice opened={opened} current={form.getValues} onRestore={(draft) => form.reset(draft)} />
        ) : null}
        {notice ? (
          <div
            className="flex items-center justify-between bg-amber-50 px-4 py-1.5 text-xs text-amber-800 dark:bg-amber-500/10 dark:text-amber-300"
            role="status"
          >
            {notice}
            <button type="button" className="underline" onClick={() => setNotice(undefined)}>
              Dismiss
            </button>
          </div>
        ) : null}
        <nav aria-label="Panels" className="flex border-b border-zinc-200 px-3 lg:hidden dark:border-zinc-800">
          {(["form", "json", "output"] as const).map((name) => (
            <button
              key={name}
              type="button"
              data-testid={`tab-${name}`}
              aria-current={view === name}
              onClick={() => setView(name)}
              className={cn(
                "border-b-2 px-3 py-2 text-xs font-medium capitalize",
                view === name ? "border-zinc-900 dark:border-zinc-100" : "border-transparent text-zinc-500",
              )}
            >
              {name === "json" ? "JSON" : name}
            </button>
          ))}
        </nav>
        <main className="grid min-h-0 flex-1 lg:grid-cols-[minmax(380px,2fr)_3fr] 2xl:grid-cols-[minmax(420px,1fr)_1fr_1.2fr]">
          <div
            className={cn(
              panelClass("form"),
              "overflow-y-auto border-zinc-200 bg-zinc-50/60 lg:border-r dark:border-zinc-800 dark:bg-zinc-900/30",
            )}
          >
            <FormPanel onOpenKeys={(id) => setKeysDialog({ open: true, provider: id })} />
          </div>
          <div className="contents lg:flex lg:min-h-0 lg:flex-col 2xl:contents">
            <div
              className={cn(
                panelClass("json"),
                "flex-1 lg:border-b 2xl:border-r 2xl:border-b-0 border-zinc-200 dark:border-zinc-800",
              )}
            >
              <JsonPanel
                sync={sync}
                dark={theme.dark}
                onCopy={() => navigator.clipboard.writeText(draftToJson(form.getValues()))}
              />
            </div>
            <div className={cn(panelClass("output"), "flex-1")}>
              <OutputPanel
                snapshot={runner.snapshot}
                providerLabel={label}
                functions={functions}
                onErrorAction={onErrorAction}
                onContinue={(results) => void actions.continueWithTools(runner.snapshot.toolCalls, results)}
                onAddToConversation={() => {
                  actions.addToConversation(runner.snapshot.text);
                  setView("form");
                }}
              />
            </div>
          </div>
        </main>
      </div>
      <KeysDialog
        open={keysDialog.open}
        focusProvider={keysDialog.provider}
        onClose={() => setKeysDialog({ open: false })}
      />
      <ConfirmDialog
        open={confirmNew}
        title="Start a new request?"
        message="The form, the JSON and the last output go back to the defaults. Your keys are kept."
        confirmLabel="Reset"
        onConfirm={reset}
        onCancel={() => setConfirmNew(false)}
        testId="confirm-new"
      />
      <ConfirmDialog
        open={foreignBaseUrl !== undefined}
        title={`Send this request to ${foreignBaseUrl ? baseUrlHost(foreignBaseUrl) : ""}?`}
        message={
          <>
            This request came with the base URL{" "}
            <code className="font-mono break-all" data-testid="confirm-base-url-value">
              {foreignBaseUrl ? displayBaseUrl(foreignBaseUrl) : ""}
            </code>
            , chosen by whoever shared, exported or deployed it. Running it sends the prompt, and the {label} key you
            added in this tab, to <strong>{foreignBaseUrl ? baseUrlHost(foreignBaseUrl) : ""}</strong>. The server's
            keys are never sent there.
          </>
        }
        confirmLabel={`Run on ${foreignBaseUrl ? baseUrlHost(foreignBaseUrl) : ""}`}
        onConfirm={() => {
          confirmBaseUrl();
          setForeignBaseUrl(undefined);
          runConfirmed();
        }}
        onCancel={() => setForeignBaseUrl(undefined)}
        testId="confirm-base-url"
      />
    </FormProvider>
  );
}
