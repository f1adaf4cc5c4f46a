"use client";

import { useId } from "react";
import { ServerKeysSection } from "@/components/keys/server-keys-section";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/lib/client/cn";
import { keyStore } from "@/lib/client/key-store";
import { useKeys } from "@/lib/hooks/use-keys";
import { type ProviderInfo, useModels } from "@/lib/hooks/use-models";
import { PROVIDER_IDS } from "@/lib/schema/providers";

/** Providers that take a key: every one that needs one, plus openai-compatible (its servers often want one). */
function keyedProviders(providers: readonly ProviderInfo[] | undefined): ProviderInfo[] {
  const list =
    providers ??
    PROVIDER_IDS.map((id) => ({
      id,
      label: id,
      keyRequired: id !== "local",
      hasServerKey: false,
      baseUrlRequired: false,
      models: [],
    }));
  return list.filter((provider) => provider.keyRequired || provider.id === "openai-compatible");
}

export function KeysDialog({
  open,
  focusProvider,
  onClose,
}: {
  open: boolean;
  focusProvider?: string;
  onClose: () => void;
}) {
  const id = useId();
  const { keys, remember, accessKey } = useKeys();
  const { data } = useModels();
  const providers = keyedProviders(data?.providers);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="API keys"
      testId="keys-dialog"
      description="Keys stay in this tab's memory and are sent only to this playground's server, in the body of your own requests. They are never put in a URL, the saved draft or an export."
      footer={
        <>
          <Button variant="ghost" className="mr-auto" data-testid="keys-clear" onClick={() => keyStore.clearAll()}>
            Forget all keys
          </Button>
          <Button variant="primary" data-testid="keys-done" onClick={onClose}>
            Done
          </Button>
        </>
      }
    >
      {/* A form so password fields sit where browsers expect them; Enter closes the dialog. */}
      <form
        className="space-y-2.5"
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          onClose();
        }}
      >
        {providers.map((provider) => (
          <div key={provider.id} className="grid grid-cols-[9rem_1fr] items-center gap-3">
            <label htmlFor={`${id}-${provider.id}`} className="truncate text-[13px] font-medium">
              {provider.label}
              {provider.hasServerKey ? (
                <span className="block text-[10px] font-normal text-emerald-600 dark:text-emerald-400">
                  server has a key
                </span>
              ) : null}
            </label>
            <input
              id={`${id}-${provider.id}`}
              data-testid={`key-input-${provider.id}`}
              type="password"
              autoComplete="off"
              data-1p-ignore
              data-lpignore="true"
              spellCheck={false}
              data-autofocus={provider.id === focusProvider ? true : undefined}
              placeholder={
                provider.hasServerKey
                  ? "optional: overrides the server's key"
                  : provider.keyRequired
                    ? "required"
                    : "optional"
              }
              className={cn(inputClass, "h-7 font-mono text-xs")}
              value={keys[provider.id] ?? ""}
              onChange={(event) => keyStore.setKey(provider.id, event.target.value)}
            />
          </div>
        ))}
        <ServerKeysSection providers={providers} keys={keys} open={open} />
        <div className="mt-4 space-y-3 border-t border-zinc-100 pt-3 dark:border-zinc-800">
          <label className="flex cursor-pointer items-start gap-2">
            <input
              type="checkbox"
              data-testid="remember-keys"
              className="mt-0.5 h-3.5 w-3.5 accent-zinc-900 dark:accent-zinc-100"
              checked={remember}
              onChange={(event) => keyStore.setRemember(event.target.checked)}
            />
            <span className="text-[13px]">
              Remember on this device
              <span className="block text-[11px] text-zinc-500 dark:text-zinc-400">
                Stores the keys in this browser's localStorage (readable by anyone using this browser profile). Off:
                they are gone when you close the tab.
              </span>
            </span>
          </label>
          <div className="grid grid-cols-[9rem_1fr] items-center gap-3">
            <label htmlFor={`${id}-access`} className="text-[13px] font-medium">
              Playground access
              <span className="block text-[10px] font-normal text-zinc-500">if the server asks for one</span>
            </label>
            <input
              id={`${id}-access`}
              data-testid="access-key-input"
              type="password"
              autoComplete="off"
              data-1p-ignore
              className={cn(inputClass, "h-7 font-mono text-xs")}
              value={accessKey}
              onChange={(event) => keyStore.setAccessKey(event.target.value)}
              placeholder="x-api-key for this server"
            />
          </div>
        </div>
      </form>
    </Dialog>
  );
}
