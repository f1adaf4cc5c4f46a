import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { describeRunError, type RunErrorAction } from "@/lib/client/run-errors";
import type { RunErrorInfo } from "@/lib/client/run-types";

const ACTION_LABELS: Record<RunErrorAction, (provider: string) => string> = {
  "add-key": (provider) => `Add a key for ${provider}`,
  "access-key": () => "Enter the access key",
  retry: () => "Retry",
  "check-model": () => "Edit the model name",
  "check-base-url": () => "Edit the base URL",
  "fix-request": () => "Show the request",
};

/** An error in place of (or after) the output: what happened, in the provider's words, and what to do next. */
export function RunError({
  error,
  providerLabel,
  onAction,
}: {
  error: RunErrorInfo;
  providerLabel: string;
  onAction: (action: RunErrorAction) => void;
}) {
  const view = describeRunError(error, providerLabel);
  return (
    <div
      role="alert"
      data-testid="run-error"
      data-error-type={error.type}
      className="rounded-lg border border-red-200 bg-red-50 px-3 py-2.5 text-[13px] dark:border-red-500/30 dark:bg-red-500/10"
    >
      <div className="flex items-start gap-2">
        <AlertIcon className="mt-0.5 shrink-0 text-red-600 dark:text-red-400" />
        <div className="min-w-0 flex-1 space-y-1">
          <p className="font-semibold text-red-800 dark:text-red-300" data-testid="run-error-title">
            {view.title}
            {error.status > 0 && error.status !== 200 ? (
              <span className="ml-2 font-mono text-[10px] font-normal text-red-500">HTTP {error.status}</span>
            ) : null}
          </p>
          <p className="break-words text-red-700 dark:text-red-300/90" data-testid="run-error-message">
            {view.message}
          </p>
          {error.detail?.length ? (
            <ul className="list-disc pl-4 font-mono text-[11px] text-red-700 dark:text-red-300/90">
              {error.detail.map((issue) => (
                <li key={`${issue.loc.join(".")}:${issue.msg}`}>
                  {issue.loc.join(".")}: {issue.msg}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="run-error-hint">
            {view.hint}
          </p>
          {view.action ? (
            <div className="pt-1">
              <Button
                size="sm"
                onClick={() => onAction(view.action as RunErrorAction)}
                data-testid={`run-error-${view.action}`}
              >
                {ACTION_LABELS[view.action](providerLabel)}
              </Button>
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
