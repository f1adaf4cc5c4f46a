"use client";

import { useId } from "react";
import { z } from "zod";
import { FieldLabel, inputClass, selectClass } from "@/components/ui/field";
import { cn } from "@/lib/client/cn";
import {
  type CompareColumn,
  MAX_REPEAT,
  type RequestShape,
  SYNC_PARTS,
  type SyncPart,
  setSync,
} from "@/lib/compare/compare-state";
import type { ProviderInfo } from "@/lib/hooks/use-models";
import { functionCallSchema, functionSchema, messageSchema, modelParamsSchema } from "@/lib/schema/completion-request";
import { PROVIDER_IDS } from "@/lib/schema/providers";
import { JsonField } from "./json-field";

const PART_LABELS: Record<SyncPart, string> = {
  messages: "Messages",
  functions: "Functions",
  inputs: "Inputs",
  params: "Parameters",
};

const functionsPartSchema = z.object({
  functions: z.array(functionSchema).nullish(),
  function_call: functionCallSchema.nullish(),
});

export interface ColumnSettingsProps {
  column: CompareColumn;
  index: number;
  base: RequestShape;
  providers: readonly ProviderInfo[] | undefined;
  onChange: (update: (column: CompareColumn) => CompareColumn) => void;
}

/** A column's own provider, model, parameters and repeat count, and which parts it keeps in sync. */
export function ColumnSettings({ column, index, base, providers, onChange }: ColumnSettingsProps) {
  const modelId = useId();
  const listId = useId();
  const info = providers?.find((provider) => provider.id === column.provider);
  const own = column.own ?? {};
  const setOwn = (patch: Partial<NonNullable<CompareColumn["own"]>>) =>
    onChange((current) => ({ ...current, own: { ...current.own, ...patch } }));
  const params = (own.model_params ?? {}) as Record<string, unknown>;
  const setParam = (key: string, value: number | undefined) => setOwn({ model_params: { ...params, [key]: value } });

  return (
    <div className="space-y-2 text-xs">
      <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-2">
        <select
          aria-label="Provider"
          data-testid={`compare-provider-${index}`}
          className={selectClass}
          value={column.provider ?? ""}
          onChange={(event) => onChange((current) => ({ ...current, provider: event.target.value as never }))}
        >
          {(providers ?? PROVIDER_IDS.map((id) => ({ id, label: id }))).map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.label}
            </option>
          ))}
        </select>
        <label htmlFor={modelId} className="sr-only">
          Model
        </label>
        <input
          id={modelId}
          list={listId}
          data-testid={`compare-model-${index}`}
          className={cn(inputClass, "h-7 font-mono text-xs")}
          value={column.model ?? ""}
          placeholder="model"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onChange((current) => ({ ...current, model: event.target.value || undefined }))}
        />
        <datalist id={listId}>
          {info?.models.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </div>
      {column.provider === "openai-compatible" ? (
        <input
          aria-label="Base URL"
          data-testid={`compare-base-url-${index}`}
          className={cn(inputClass, "h-7 font-mono text-xs")}
          placeholder="http://localhost:11434/v1"
          value={column.base_url ?? ""}
          onChange={(event) => onChange((current) => ({ ...current, base_url: event.target.value || undefined }))}
        />
      ) : null}
      <fieldset className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid={`compare-sync-${index}`}>
        <legend className="sr-only">Shared with the other columns</legend>
        <span className="text-zinc-500">Shared:</span>
        {SYNC_PARTS.map((part) => (
          <label key={part} className="flex items-center gap-1" title={`Uncheck to give this column its own ${part}`}>
            <input
              type="checkbox"
              data-testid={`compare-sync-${part}-${index}`}
              checked={column.sync[part]}
              onChange={(event) => onChange((current) => setSync(current, part, event.target.checked, base))}
            />
            {PART_LABELS[part]}
          </label>
        ))}
      </fieldset>
      <div className="grid grid-cols-3 gap-2">
        {column.sync.params ? null : (
          <>
            <NumberInput
              label="Temp"
              value={params.temp}
              step={0.1}
              testId={`compare-temp-${index}`}
              onChange={(value) => setParam("temp", value)}
            />
            <NumberInput
              label="Max tokens"
              value={params.max_length}
              step={1}
              testId={`compare-max-length-${index}`}
              onChange={(value) => setParam("max_length", value)}
            />
          </>
        )}
        <NumberInput
          label="Repeat"
          value={column.repeat ?? 1}
          step={1}
          testId={`compare-repeat-${index}`}
          onChange={(value) =>
            onChange((current) => ({ ...current, repeat: Math.min(MAX_REPEAT, Math.max(1, value ?? 1)) }))
          }
        />
      </div>
      {column.sync.params ? null : (
        <details>
          <summary className="cursor-pointer text-zinc-500">All parameters (JSON)</summary>
          <JsonField
            label="Parameters"
            value={own.model_params ?? {}}
            schema={modelParamsSchema}
            onChange={(value) => setOwn({ model_params: value as never })}
            testId={`compare-own-params-${index}`}
          />
        </details>
      )}
      {column.sync.messages ? null : (
        <JsonField
          label="Messages (this column)"
          value={own.messages ?? []}
          schema={z.array(messageSchema)}
          onChange={(value) => setOwn({ messages: value as never })}
          testId={`compare-own-messages-${index}`}
        />
      )}
      {column.sync.functions ? null : (
        <JsonField
          label="Functions (this column)"
          value={{ functions: own.functions ?? undefined, function_call: own.function_call ?? undefined }}
          schema={functionsPartSchema}
          onChange={(value) => setOwn(value as never)}
          testId={`compare-own-functions-${index}`}
        />
      )}
      {column.sync.inputs ? null : (
        <JsonField
          label="Inputs (this column)"
          value={own.llm_inputs ?? {}}
          schema={z.record(z.string(), z.unknown())}
          onChange={(value) => setOwn({ llm_inputs: value as never })}
          testId={`compare-own-inputs-${index}`}
          minRows={2}
        />
      )}
    </div>
  );
}

function NumberInput({
  label,
  value,
  step,
  testId,
  onChange,
}: {
  label: string;
  value: unknown;
  step: number;
  testId: string;
  onChange: (value: number | undefined) => void;
}) {
  const id = useId();
  return (
    <div>
      <FieldLabel htmlFor={id}>{label}</FieldLabel>
      <input
        id={id}
        type="number"
        step={step}
        data-testid={testId}
        className={cn(inputClass, "h-7")}
        value={typeof value === "number" ? value : ""}
        onChange={(event) => onChange(event.target.value === "" ? undefined : Number(event.target.value))}
      />
    </div>
  );
}
