"use client";

import { useEffect, useId, useState } from "react";
import { type FieldPath, useController, useWatch } from "react-hook-form";
import { FieldError, FieldLabel, inputClass, selectClass } from "@/components/ui/field";
import { cn } from "@/lib/client/cn";
import type { RequestDraft } from "@/lib/client/draft";

/** Form paths are written as strings (`llm_configuration.model_params.temp`): the request has loose objects. */
export function useDraftField(name: string) {
  return useController<RequestDraft>({ name: name as FieldPath<RequestDraft> });
}

/** Watches one value of the draft by path (re-renders only when it changes). */
export function useDraftValue<T>(name: string): T | undefined {
  return useWatch<RequestDraft>({ name: name as FieldPath<RequestDraft> }) as unknown as T | undefined;
}

interface BaseProps {
  name: string;
  label: string;
  testId: string;
  hint?: string;
  className?: string;
}

export function TextField({
  name,
  label,
  testId,
  hint,
  className,
  placeholder,
  list,
}: BaseProps & { placeholder?: string; list?: string }) {
  const id = useId();
  const { field, fieldState } = useDraftField(name);
  const error = fieldState.error?.message;
  return (
    <div className={className}>
      <FieldLabel htmlFor={id} hint={hint}>
        {label}
      </FieldLabel>
      <input
        id={id}
        ref={field.ref}
        name={field.name}
        data-testid={testId}
        className={cn(inputClass, "h-7")}
        value={typeof field.value === "string" ? field.value : field.value == null ? "" : String(field.value)}
        // An emptied optional field is left out of the request rather than sent as "".
        onChange={(event) => field.onChange(event.target.value === "" ? undefined : event.target.value)}
        onBlur={field.onBlur}
        placeholder={placeholder}
        list={list}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
      />
      <FieldError message={error} />
    </div>
  );
}

function toNumber(text: string, integer: boolean): number | undefined {
  if (text.trim() === "") return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return Number.NaN;
  return integer ? Math.trunc(value) : value;
}

/** A number typed as text (so "0." survives a keystroke); empty means "not set". */
export function useNumberText(value: unknown, onChange: (value: number | undefined) => void, integer = false) {
  const numeric = typeof value === "number" ? value : undefined;
  const [text, setText] = useState(numeric === undefined ? "" : String(numeric));
  useEffect(() => {
    setText((current) =>
      toNumber(current, integer) === numeric ? current : numeric === undefined ? "" : String(numeric),
    );
  }, [numeric, integer]);
  return {
    text,
    setText: (next: string) => {
      setText(next);
      const parsed = toNumber(next, integer);
      if (parsed === undefined || !Number.isNaN(parsed)) onChange(parsed);
    },
  };
}

export function NumberField({
  name,
  label,
  testId,
  hint,
  className,
  integer = false,
  min,
  max,
  step,
  placeholder,
}: BaseProps & { integer?: boolean; min?: number; max?: number; step?: number; placeholder?: string }) {
  const id = useId();
  const { field, fieldState } = useDraftField(name);
  const { text, setText } = useNumberText(field.value, field.onChange, integer);
  const error = fieldState.error?.message;
  return (
    <div className={className}>
      <FieldLabel htmlFor={id} hint={hint}>
        {label}
      </FieldLabel>
      <input
        id={id}
        ref={field.ref}
        data-testid={testId}
        type="number"
        inputMode={integer ? "numeric" : "decimal"}
        className={cn(inputClass, "h-7 tabular-nums")}
        value={text}
        min={min}
        max={max}
        step={step ?? (integer ? 1 : "any")}
        placeholder={placeholder ?? "default"}
        onChange={(event) => setText(event.target.value)}
        onBlur={field.onBlur}
        aria-invalid={error ? true : undefined}
      />
      <FieldError message={error} />
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  testId,
  description,
  defaultChecked = false,
}: BaseProps & { description?: string; defaultChecked?: boolean }) {
  const id = useId();
  const { field } = useDraftField(name);
  return (
    <label htmlFor={id} className="flex cursor-pointer items-start gap-2 py-0.5">
      <input
        id={id}
        ref={field.ref}
        data-testid={testId}
        type="checkbox"
        className="mt-0.5 h-3.5 w-3.5 accent-zinc-900 dark:accent-zinc-100"
        checked={typeof field.value === "boolean" ? field.value : defaultChecked}
        onChange={(event) => field.onChange(event.target.checked)}
      />
      <span className="text-[13px] leading-5">
        {label}
        {description ? <span className="block text-[11px] text-zinc-500 dark:text-zinc-400">{description}</span> : null}
      </span>
    </label>
  );
}

export function SelectField({
  name,
  label,
  testId,
  hint,
  className,
  options,
  emptyLabel,
}: BaseProps & { options: readonly { value: string; label: string }[]; emptyLabel?: string }) {
  const id = useId();
  const { field, fieldState } = useDraftField(name);
  const error = fieldState.error?.message;
  return (
    <div className={className}>
      <FieldLabel htmlFor={id} hint={hint}>
        {label}
      </FieldLabel>
      <select
        id={id}
        ref={field.ref}
        data-testid={testId}
        className={selectClass}
        value={typeof field.value === "string" ? field.value : ""}
        onChange={(event) => field.onChange(event.target.value === "" ? undefined : event.target.value)}
        aria-invalid={error ? true : undefined}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError message={error} />
    </div>
  );
}
