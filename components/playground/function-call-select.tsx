"use client";

import { useId } from "react";
import { FieldLabel, selectClass } from "@/components/ui/field";
import { useDraftField } from "./fields";

const MODES = ["auto", "none", "required"] as const;

/** function_call: a mode, or `{name}` to force one function; the select encodes the latter as `name:<fn>`. */
export function FunctionCallSelect({ names }: { names: readonly string[] }) {
  const id = useId();
  const { field } = useDraftField("llm_configuration.function_call");
  const value = field.value as unknown;
  const selected =
    typeof value === "string"
      ? value
      : value && typeof value === "object" && typeof (value as { name?: unknown }).name === "string"
        ? `name:${(value as { name: string }).name}`
        : "";

  return (
    <div>
      <FieldLabel htmlFor={id}>Function call</FieldLabel>
      <select
        id={id}
        ref={field.ref}
        data-testid="function-call-select"
        className={selectClass}
        value={selected}
        onChange={(event) => {
          const next = event.target.value;
          if (next === "") field.onChange(undefined);
          else if (next.startsWith("name:")) field.onChange({ name: next.slice(5) });
          else field.onChange(next);
        }}
      >
        <option value="">Default (auto)</option>
        {MODES.map((mode) => (
          <option key={mode} value={mode}>
            {mode}
          </option>
        ))}
        {names.map((name) => (
          <option key={name} value={`name:${name}`}>
            Force {name}
          </option>
        ))}
      </select>
    </div>
  );
}
