"use client";

import { useId } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldError, FieldLabel, inputClass, selectClass } from "@/components/ui/field";
import { KeyIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import type { RequestDraft } from "@/lib/client/draft";
import { formatBytes } from "@/lib/client/format";
import { useKeys } from "@/lib/hooks/use-keys";
import { type ProviderInfo, useModels } from "@/lib/hooks/use-models";
import { baseUrlHost } from "@/lib/schema/base-url";
import { PROVIDER_IDS } from "@/lib/schema/providers";
import { TextField, useDraftField, useDraftValue } from "./fields";

export function providerLabel(id: string | null | undefined, providers: readonly ProviderInfo[] | undefined): string {
  return providers?.find((provider) => provider.id === id)?.label ?? id ?? "the provider";
}

/** Provider select + model combobox (known models offered, any name accepted) + where the key comes from. */
export function ModelPicker({ onOpenKeys }: { onOpenKeys: (provider: string) => void }) {
  const providerId = useId();
  const modelId = useId();
  const listId = useId();
  const { setValue, getValues } = useFormContext<RequestDraft>();
  const { data } = useModels();
  const provider = useDraftField("llm_configuration.provider");
  const model = useDraftField("llm_configuration.model");
  const current = useDraftValue<string>("llm_configuration.provider");
  const baseUrl = useDraftValue<string>("llm_configuration.base_url");
  const info = data?.providers.find((entry) => entry.id === current);
  const options = data?.providers ?? PROVIDER_IDS.map((id) => ({ id, label: id }) as ProviderInfo);

  const changeProvider = (next: string) => {
    provider.field.onChange(next === "" ? undefined : next);
    const models = data?.providers.find((entry) => entry.id === next)?.models ?? [];
    const currentModel = getValues("llm_configuration.model" as never) as unknown as string | undefined;
    // Keep a model name the new provider may know; otherwise offer its first model.
    if (models.length > 0 && (!currentModel || !models.includes(currentModel))) {
      setValue("llm_configuration.model" as never, models[0] as never, { shouldValidate: true, shouldDirty: true });
    }
  };

  const modelError = model.fieldState.error?.message;
  return (
    <div className="space-y-2.5">
      <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-2">
        <div>
          <FieldLabel htmlFor={providerId}>Provider</FieldLabel>
          <select
            id={providerId}
            ref={provider.field.ref}
            data-testid="provider-select"
            className={selectClass}
            value={current ?? ""}
            onChange={(event) => changeProvider(event.target.value)}
          >
            {current ? null : <option value="">Choose…</option>}
            {options.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.label}
              </option>
            ))}
          </select>
          <FieldError message={provider.fieldState.error?.message} />
        </div>
        <div>
          <FieldLabel htmlFor={modelId} hint={info?.models.length ? `${info.models.length} known` : undefined}>
            Model
          </FieldLabel>
          <input
            id={modelId}
            ref={model.field.ref}
            data-testid="model-input"
            list={listId}
            className={cn(inputClass, "h-7 font-mono text-xs")}
            value={typeof model.field.value === "string" ? model.field.value : ""}
            onChange={(event) => model.field.onChange(event.target.value === "" ? undefined : event.target.value)}
            onBlur={model.field.onBlur}
            placeholder="model name"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={modelError ? true : undefined}
          />
          <datalist id={listId}>
            {info?.models.map((name) => {
              const local = info.localModels?.find((file) => file.name === name);
              return (
                <option key={name} value={name}>
                  {local ? `${name} · ${formatBytes(local.sizeBytes)}` : name}
                </option>
              );
            })}
          </datalist>
          <FieldError message={modelError} />
        </div>
      </div>
      {current === "openai-compatible" || baseUrl ? (
        <TextField
          name="llm_configuration.base_url"
          label="Base URL"
          testId="base-url-input"
          placeholder="http://localhost:11434/v1"
          hint={current === "openai-compatible" ? "OpenAI-compatible server, ending in /v1" : "replaces the provider's"}
        />
      ) : null}
      {baseUrl ? (
        // Never hidden: a shared request may carry a base URL its author controls.
        <p className="text-[11px] text-amber-700 dark:text-amber-400" data-testid="base-url-notice">
          Runs go to <strong className="font-mono">{baseUrlHost(baseUrl)}</strong>, with your key if you added one; the
          server's keys are never sent to a base URL the request chose.
        </p>
      ) : null}
      <KeyStatus info={info} provider={current} baseUrl={baseUrl} onOpenKeys={onOpenKeys} />
    </div>
  );
}

function KeyStatus({
  info,
  provider,
  baseUrl,
  onOpenKeys,
}: {
  info: ProviderInfo | undefined;
  provider: string | undefined;
  baseUrl: string | undefined;
  onOpenKeys: (provider: string) => void;
}) {
  const { keys } = useKeys();
  if (!provider || !info) return null;
  const own = keys[provider];
  let text: string;
  let tone = "text-zinc-500 dark:text-zinc-400";
  if (!info.keyRequired && !own) text = provider === "local" ? "Runs on this server: no key needed" : "No key needed";
  else if (own && baseUrl) text = `Using your key (sent to ${baseUrlHost(baseUrl)})`;
  else if (own) text = "Using your key (sent to this server only)";
  else if (info.hasServerKey && !baseUrl) text = "Using the server's key";
  else if (baseUrl && info.keyRequired) {
    text = `Add your ${info.label} key for ${baseUrlHost(baseUrl)}: the server's key is not sent there`;
    tone = "text-amber-700 dark:text-amber-400";
  } else {
    text = `No key for ${info.label} yet`;
    tone = "text-amber-700 dark:text-amber-400";
  }
  return (
    <div className="flex items-center justify-between gap-2 text-[11px]" data-testid="provider-key-status">
      <span className={tone}>{text}</span>
      {info.keyRequired || own ? (
        <Button size="sm" variant="ghost" className="h-6 px-1.5" onClick={() => onOpenKeys(provider)}>
          <KeyIcon /> {own ? "Change key" : "Add key"}
        </Button>
      ) : null}
    </div>
  );
}
