"use client";

import { useEffect, useId, useState } from "react";
import { AutoTextarea } from "@/components/ui/auto-textarea";
import { FieldError, FieldLabel } from "@/components/ui/field";
import { REASONING_EFFORTS } from "@/lib/schema/completion-request";
import { NumberField, SelectField, useDraftField } from "./fields";
import { ParamSlider } from "./param-slider";
import { ResponseFormatField } from "./response-format-field";

const P = "llm_configuration.model_params";

export function ModelParams() {
  return (
    <div className="space-y-3">
      <ParamSlider
        name={`${P}.temp`}
        label="Temperature"
        testId="param-temp"
        min={0}
        max={2}
        step={0.01}
        restingValue={1}
        description="Higher is more random; 0 is (nearly) deterministic."
      />
      <div className="grid grid-cols-2 gap-2">
        <NumberField name={`${P}.max_length`} label="Max tokens" testId="param-max-length" integer min={1} />
        <NumberField name={`${P}.seed`} label="Seed" testId="param-seed" integer />
      </div>
      <ParamSlider
        name={`${P}.top_p`}
        label="Top P"
        testId="param-top-p"
        min={0}
        max={1}
        step={0.01}
        restingValue={1}
      />
      <ParamSlider
        name={`${P}.frequency_penalty`}
        label="Frequency penalty"
        testId="param-frequency-penalty"
        min={-2}
        max={2}
        step={0.01}
        restingValue={0}
      />
      <ParamSlider
        name={`${P}.presence_penalty`}
        label="Presence penalty"
        testId="param-presence-penalty"
        min={-2}
        max={2}
        step={0.01}
        restingValue={0}
      />
      <StopField />
      <SelectField
        name={`${P}.reasoning_effort`}
        label="Reasoning effort"
        testId="param-reasoning-effort"
        hint="reasoning models"
        emptyLabel="Default"
        options={REASONING_EFFORTS.map((effort) => ({ value: effort, label: effort }))}
      />
      <ResponseFormatField />
    </div>
  );
}

function stopText(value: unknown): string {
  if (Array.isArray(value)) return value.join("\n");
  return typeof value === "string" ? value : "";
}

/** Stop sequences, one per line (up to 4). Sent as a list; a single line stays a list too. */
function StopField() {
  const id = useId();
  const { field, fieldState } = useDraftField(`${P}.stop`);
  const [text, setText] = useState(() => stopText(field.value));
  useEffect(() => {
    setText((current) => {
      const lines = current.split("\n").filter((line) => line !== "");
      return JSON.stringify(lines) ===
        JSON.stringify(Array.isArray(field.value) ? field.value : field.value ? [field.value] : [])
        ? current
        : stopText(field.value);
    });
  }, [field.value]);

  return (
    <div>
      <FieldLabel htmlFor={id} hint="one per line, up to 4">
        Stop sequences
      </FieldLabel>
      <AutoTextarea
        id={id}
        ref={field.ref}
        data-testid="param-stop"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          const lines = event.target.value.split("\n").filter((line) => line !== "");
          field.onChange(lines.length === 0 ? undefined : lines);
        }}
        placeholder="e.g. ###"
        className="font-mono text-xs"
        maxHeight={120}
        aria-invalid={fieldState.error ? true : undefined}
      />
      <FieldError message={fieldState.error?.message} />
    </div>
  );
}
