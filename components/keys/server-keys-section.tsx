"use client";

import { formatTime } from "@/components/nav/format-time";
import { Button } from "@/components/ui/button";
import { useDeleteServerKey, useSaveServerKey, useServerKeys } from "./use-server-keys";

interface ProviderRow {
  id: string;
  label: string;
}

/**
 * "Save on server (encrypted)": the key typed above is stored by the server (AES-GCM under the operator's
 * KEYS_SECRET) for this access key, and used when a request carries no key of its own. Only a masked hint comes
 * back. Rows appear for providers with a key typed in this tab or one already saved.
 */
export function ServerKeysSection({
  providers,
  keys,
  open,
}: {
  providers: readonly ProviderRow[];
  keys: Readonly<Record<string, string>>;
  open: boolean;
}) {
  const saved = useServerKeys(open);
  const save = useSaveServerKey();
  const remove = useDeleteServerKey();
  const savedBy = new Map(
    (saved.data ?? []).filter((entry) => entry.base_url === null).map((entry) => [entry.provider, entry]),
  );
  const scoped = (saved.data ?? []).filter((entry) => entry.base_url !== null);
  const rows = providers.filter((provider) => keys[provider.id] || savedBy.has(provider.id));
  const failure = save.error ?? remove.error;

  return (
    <div className="mt-4 space-y-2 border-t border-zinc-100 pt-3 dark:border-zinc-800" data-testid="server-keys">
      <div>
        <h3 className="text-[13px] font-medium">Saved on the server</h3>
        <p className="text-[11px] text-zinc-500 dark:text-zinc-400">
          Encrypted with the server's KEYS_SECRET and used when a request has no key of its own, from any device with
          the same playground access key (without one, by everyone using this server). Only a masked hint comes back.
        </p>
      </div>
      {saved.isError ? (
        <p role="alert" className="text-[11px] text-red-600 dark:text-red-400" data-testid="server-keys-error">
          {saved.error.message}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="text-[11px] text-zinc-500" data-testid="server-keys-empty">
          Type a key above to save it here.
        </p>
      ) : (
        <ul className="space-y-1.5">
          {rows.map((provider) => {
            const entry = savedBy.get(provider.id);
            const typed = keys[provider.id];
            return (
              <li
                key={provider.id}
                className="flex items-center gap-2 text-xs"
                data-testid={`server-key-${provider.id}`}
              >
                <span className="w-36 truncate font-medium">{provider.label}</span>
                {entry ? (
                  <span
                    className="font-mono text-[11px] text-emerald-700 dark:text-emerald-400"
                    data-testid={`server-key-hint-${provider.id}`}
                  >
                    {entry.hint} <span className="font-sans text-zinc-500">saved {formatTime(entry.created_at)}</span>
                  </span>
                ) : (
                  <span className="text-[11px] text-zinc-500">not saved</span>
                )}
                <span className="ml-auto flex gap-1">
                  {typed ? (
                    <Button
                      size="sm"
                      data-testid={`server-key-save-${provider.id}`}
                      disabled={save.isPending}
                      onClick={() => save.mutate({ provider: provider.id, key: typed })}
                    >
                      {entry ? "Replace on server" : "Save on server (encrypted)"}
                    </Button>
                  ) : null}
                  {entry ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      data-testid={`server-key-delete-${provider.id}`}
                      disabled={remove.isPending}
                      onClick={() => remove.mutate({ provider: provider.id })}
                    >
                      Delete
                    </Button>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {scoped.length > 0 ? (
        <ul className="space-y-1.5" data-testid="server-keys-scoped">
          {scoped.map((entry) => (
            <li
              key={`${entry.provider} ${entry.base_url}`}
              className="flex items-center gap-2 text-xs"
              data-testid="server-key-scoped"
            >
              <span className="w-36 truncate font-medium">{entry.provider}</span>
              <span className="min-w-0 truncate font-mono text-[11px]" data-testid="server-key-scoped-base-url">
                only for {entry.base_url}
              </span>
              <span className="font-mono text-[11px] text-emerald-700 dark:text-emerald-400">{entry.hint}</span>
              <Button
                size="sm"
                variant="ghost"
                className="ml-auto"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ provider: entry.provider, baseUrl: entry.base_url })}
              >
                Delete
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {failure ? (
        <p role="alert" className="text-[11px] text-red-600 dark:text-red-400" data-testid="server-key-save-error">
          {failure.message}
        </p>
      ) : null}
    </div>
  );
}
