"use client";

import { type CSSProperties, useId } from "react";
import { FieldError, inputClass } from "@/components/ui/field";
import { CloseIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import { useDraftField, useNumberText } from "./fields";

export interface ParamSliderProps {
  name: string;
  label: string;
  testId: string;
  min: number;
  max: number;
  step: number;
  /** Where the slider rests while the parameter is not set (the provider's default). */
  restingValue: number;
  description?: string;
}

/** A bounded number as slider + exact input; "not set" is a state of its own (the provider's default applies). */
export function ParamSlider({ name, label, testId, min, max, step, restingValue, description }: ParamSliderProps) {
  const id = useId();
  const { field, fieldState } = useDraftField(name);
  const { text, setText } = useNumberText(field.value, field.onChange);
  const value = typeof field.value === "number" ? field.value : undefined;
  const error = fieldState.error?.message;

  return (
    <div>
      <div className="mb-1 flex items-center justify-between gap-2">
        <label
          htmlFor={`${id}-number`}
          className="text-xs font-medium text-zinc-600 dark:text-zinc-400"
          title={description}
        >
          {label}
        </label>
        <div className="flex items-center gap-1">
          {value !== undefined ? (
            <button
              type="button"
              aria-label={`Reset ${label} to the provider default`}
              title="Use the provider default"
              data-testid={`${testId}-clear`}
              className="rounded p-0.5 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700 dark:hover:bg-zinc-800 dark:hover:text-zinc-200"
              onClick={() => field.onChange(undefined)}
            >
              <CloseIcon width={11} height={11} />
            </button>
          ) : null}
          <input
            id={`${id}-number`}
            ref={field.ref}
            data-testid={testId}
            type="number"
            inputMode="decimal"
            min={min}
            max={max}
            step={step}
            value={text}
            placeholder="default"
            onChange={(event) => setText(event.target.value)}
            aria-invalid={error ? true : undefined}
            className={cn(inputClass, "h-6 w-20 px-1.5 text-right text-xs tabular-nums")}
          />
        </div>
      </div>
      <input
        type="range"
        aria-label={`${label} slider`}
        data-testid={`${testId}-slider`}
        min={min}
        max={max}
        step={step}
        value={value ?? restingValue}
        onChange={(event) => field.onChange(Number(event.target.value))}
        data-unset={value === undefined ? true : undefined}
        style={{ "--fill": `${(((value ?? restingValue) - min) / (max - min)) * 100}%` } as CSSProperties}
        className="range block w-full"
      />
      <FieldError message={error} />
    </div>
  );
}
