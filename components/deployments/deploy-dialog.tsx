"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FieldLabel, inputClass } from "@/components/ui/field";
import { publicDraft, type RequestDraft } from "@/lib/client/draft";
import type { LlmConfiguration } from "@/lib/schema/completion-request";
import { CopyButton } from "./copy-button";
import { deploymentCurl } from "./deploy-snippet";
import { useDeploy } from "./use-deployments";

/**
 * Saves the current request's llm_configuration as a new version of a named prompt (no key: the draft never holds
 * one and the server strips any), then shows its id with a copy button and a curl call that uses it.
 */
export function DeployDialog({
  open,
  onClose,
  getDraft,
}: {
  open: boolean;
  onClose: () => void;
  getDraft: () => RequestDraft;
}) {
  const id = useId();
  const [name, setName] = useState("");
  const deploy = useDeploy();
  const result = deploy.data;
  const [draft, setDraft] = useState<RequestDraft | undefined>();

  const submit = () => {
    const current = publicDraft(getDraft());
    setDraft(current);
    deploy.mutate({ name: name.trim(), llm_configuration: (current.llm_configuration ?? {}) as LlmConfiguration });
  };
  const close = () => {
    deploy.reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Deploy this prompt"
      testId="deploy-dialog"
      description="Saves the model, provider, parameters, messages and functions as a new immutable version of the named prompt. Call it with its deployment_id. Keys are never stored with it."
      footer={
        result ? (
          <>
            <Link href="/deployments" className="mr-auto text-xs underline" data-testid="deploy-view-all">
              All deployments
            </Link>
            <Button variant="primary" data-testid="deploy-done" onClick={close}>
              Done
            </Button>
          </>
        ) : (
          <>
            <Button onClick={close} data-testid="deploy-cancel">
              Cancel
            </Button>
            <Button
              variant="primary"
              data-testid="deploy-submit"
              disabled={name.trim() === "" || deploy.isPending}
              onClick={submit}
            >
              {deploy.isPending ? "Deploying…" : "Deploy"}
            </Button>
          </>
        )
      }
    >
      {result ? (
        <div className="space-y-3" data-testid="deploy-result">
          <p className="text-[13px]">
            <span className="font-medium">{result.name}</span> version{" "}
            <span data-testid="deploy-version">{result.version_number}</span> is deployed.
          </p>
          <div className="flex items-center gap-2 rounded-md bg-zinc-50 px-2 py-1.5 dark:bg-zinc-800/60">
            <code className="flex-1 font-mono text-xs" data-testid="deploy-id">
              {result.deployment_id}
            </code>
            <CopyButton text={result.deployment_id} testId="deploy-copy-id" />
          </div>
          <div>
            <div className="mb-1 flex items-center justify-between">
              <span className="text-xs font-medium text-zinc-600 dark:text-zinc-400">curl</span>
              <CopyButton text={curlFor(result.deployment_id, draft)} testId="deploy-copy-curl" />
            </div>
            <pre
              className="overflow-x-auto rounded-md bg-zinc-50 p-2 text-[11px] dark:bg-zinc-800/60"
              data-testid="deploy-curl"
            >
              {curlFor(result.deployment_id, draft)}
            </pre>
          </div>
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim() !== "" && !deploy.isPending) submit();
          }}
        >
          <FieldLabel htmlFor={`${id}-name`} hint="deploying the same name again adds a version">
            Prompt name
          </FieldLabel>
          <input
            id={`${id}-name`}
            data-testid="deploy-name"
            data-autofocus
            className={inputClass}
            value={name}
            maxLength={200}
            placeholder="weather-assistant"
            onChange={(event) => setName(event.target.value)}
          />
          {deploy.error ? (
            <p role="alert" data-testid="deploy-error" className="mt-1 text-[11px] text-red-600 dark:text-red-400">
              {deploy.error.message}
            </p>
          ) : null}
        </form>
      )}
    </Dialog>
  );
}

function curlFor(deploymentId: string, draft: RequestDraft | undefined): string {
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const inputs = (draft?.llm_inputs ?? draft?.inputs ?? null) as Record<string, unknown> | null;
  return deploymentCurl({ origin, deploymentId, provider: draft?.llm_configuration?.provider, inputs });
}
