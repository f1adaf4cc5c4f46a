"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatTime } from "@/components/nav/format-time";
import { openInPlayground } from "@/components/nav/open-request";
import { PageShell } from "@/components/nav/page-shell";
import { Button } from "@/components/ui/button";
import { displayBaseUrl } from "@/lib/schema/base-url";
import { CopyButton } from "./copy-button";
import type { PromptWithVersions } from "./types";
import { fetchDeployment, useDeployments } from "./use-deployments";

/** /deployments: every prompt and its versions (newest first); a version opens in the playground. */
export function DeploymentsPage() {
  const deployments = useDeployments();
  const prompts = deployments.data ?? [];
  return (
    <PageShell title="Deployments">
      <div className="mx-auto w-full max-w-5xl space-y-4 p-4">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Deploy from the playground's header. Run a version with{" "}
          <code className="font-mono">{'{"deployment_id": "p-…"}'}</code> on the completion API; fields given in the
          request's llm_configuration override the deployed ones.
        </p>
        {deployments.isError ? (
          <p role="alert" className="text-sm text-red-600" data-testid="deployments-error">
            Could not load the deployments: {deployments.error.message}
          </p>
        ) : deployments.isPending ? (
          <p className="text-xs text-zinc-500">Loading…</p>
        ) : prompts.length === 0 ? (
          <p
            className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500 dark:border-zinc-700"
            data-testid="deployments-empty"
          >
            Nothing deployed yet.
          </p>
        ) : (
          prompts.map((prompt) => <PromptCard key={prompt.name} prompt={prompt} />)
        )}
      </div>
    </PageShell>
  );
}

function PromptCard({ prompt }: { prompt: PromptWithVersions }) {
  const [opening, setOpening] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const router = useRouter();
  const open = async (id: string) => {
    setOpening(id);
    setError(undefined);
    try {
      const deployment = await fetchDeployment(id);
      openInPlayground(
        { llm_configuration: deployment.llm_configuration, project_name: "default", cache: false },
        (href) => router.push(href),
      );
    } catch (failure) {
      setError((failure as Error).message);
      setOpening(undefined);
    }
  };
  return (
    <section
      className="rounded-lg border border-zinc-200 dark:border-zinc-800"
      data-testid="prompt-card"
      data-name={prompt.name}
    >
      <header className="flex items-baseline gap-2 border-b border-zinc-100 px-3 py-2 dark:border-zinc-800">
        <h2 className="text-sm font-semibold" data-testid="prompt-name">
          {prompt.name}
        </h2>
        <span className="text-[11px] text-zinc-500">
          {prompt.versions.length} version{prompt.versions.length === 1 ? "" : "s"}
        </span>
        {error ? (
          <span role="alert" className="ml-auto text-[11px] text-red-600">
            {error}
          </span>
        ) : null}
      </header>
      <table className="w-full text-left text-xs">
        <thead className="text-[11px] text-zinc-500">
          <tr>
            <th className="px-3 py-1.5 font-medium">Version</th>
            <th className="px-3 py-1.5 font-medium">Deployment id</th>
            <th className="px-3 py-1.5 font-medium">Model</th>
            <th className="px-3 py-1.5 font-medium">Base URL</th>
            <th className="px-3 py-1.5 font-medium">Created</th>
            <th className="px-3 py-1.5" />
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800/70">
          {prompt.versions.map((version) => (
            <tr key={version.deployment_id} data-testid="deployment-row" data-deployment-id={version.deployment_id}>
              <td className="px-3 py-1.5 font-mono" data-testid="deployment-version">
                v{version.version_number}
              </td>
              <td className="px-3 py-1.5">
                <span className="font-mono" data-testid="deployment-id">
                  {version.deployment_id}
                </span>
                <CopyButton text={version.deployment_id} testId="copy-deployment-id" />
              </td>
              <td className="px-3 py-1.5">
                <span className="font-mono">{version.model ?? "—"}</span>{" "}
                <span className="text-zinc-500">{version.provider}</span>
              </td>
              <td className="max-w-56 px-3 py-1.5 break-all" data-testid="deployment-base-url">
                {version.llm_configuration.base_url ? (
                  // Whoever runs this deployment sends the prompt there: shown, never hidden.
                  <span className="font-mono text-amber-700 dark:text-amber-400">
                    {displayBaseUrl(version.llm_configuration.base_url)}
                  </span>
                ) : (
                  <span className="text-zinc-500">provider default</span>
                )}
              </td>
              <td className="px-3 py-1.5 whitespace-nowrap text-zinc-500">{formatTime(version.created_at)}</td>
              <td className="px-3 py-1.5 text-right">
                <Button
                  size="sm"
                  data-testid="open-deployment"
                  disabled={opening !== undefined}
                  onClick={() => void open(version.deployment_id)}
                >
                  {opening === version.deployment_id ? "Opening…" : "Open in playground"}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
