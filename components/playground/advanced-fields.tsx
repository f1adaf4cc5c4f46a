"use client";

import { useEffect, useId, useState } from "react";
import { FieldError, FieldLabel, inputClass } from "@/components/ui/field";
import { JsonTextarea } from "@/components/ui/json-textarea";
import { cn } from "@/lib/client/cn";
import { CheckboxField, NumberField, TextField, useDraftField } from "./fields";

/** Logging and trace fields: where the run is filed and what the log keeps. */
export function AdvancedFields() {
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-2">
        <TextField name="project_name" label="Project" testId="advanced-project-name" placeholder="default" />
        <TextField name="trace_name" label="Trace name" testId="advanced-trace-name" />
        <TextField name="target" label="Target" testId="advanced-target" hint="expected output" />
        <TextField name="end_user_identifier" label="End user" testId="advanced-end-user" />
      </div>
      <TagsField />
      <MetadataField />
      <div className="grid grid-cols-2 gap-x-3 gap-y-1">
        <CheckboxField
          name="cache"
          label="Cache"
          testId="advanced-cache"
          description="Serve identical requests from the cache"
          defaultChecked
        />
        <CheckboxField
          name="log_omit"
          label="Omit log"
          testId="advanced-log-omit"
          description="Keep neither inputs nor output"
        />
        <CheckboxField
          name="log_omit_inputs"
          label="Omit inputs"
          testId="advanced-log-omit-inputs"
          description="Drop messages and params from the log"
        />
        <CheckboxField
          name="log_omit_outputs"
          label="Omit output"
          testId="advanced-log-omit-outputs"
          description="Drop the output from the log"
        />
      </div>
      <NumberField
        name="log_sample_rate"
        label="Log sample rate"
        testId="advanced-log-sample-rate"
        hint="0 to 1"
        min={0}
        max={1}
        step={0.1}
        placeholder="1"
      />
    </div>
  );
}

function tagsText(value: unknown): string {
  return Array.isArray(value) ? value.join(", ") : "";
}

function TagsField() {
  const id = useId();
  const { field, fieldState } = useDraftField("tags");
  const [text, setText] = useState(() => tagsText(field.value));
  useEffect(() => {
    setText((current) => {
      const tags = current
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean);
      return JSON.stringify(tags) === JSON.stringify(field.value ?? []) ? current : tagsText(field.value);
    });
  }, [field.value]);
  return (
    <div>
      <FieldLabel htmlFor={id} hint="comma separated">
        Tags
      </FieldLabel>
      <input
        id={id}
        ref={field.ref}
        data-testid="advanced-tags"
        className={cn(inputClass, "h-7")}
        value={text}
        placeholder="weather, forecast"
        onChange={(event) => {
          setText(event.target.value);
          const tags = event.target.value
            .split(",")
            .map((tag) => tag.trim())
            .filter(Boolean);
          field.onChange(tags.length === 0 ? undefined : tags);
        }}
      />
      <FieldError message={fieldState.error?.message} />
    </div>
  );
}

function MetadataField() {
  const { field, fieldState } = useDraftField("metadata");
  return (
    <JsonTextarea
      label="Metadata"
      hint="JSON object"
      value={field.value}
      onChange={field.onChange}
      testId="advanced-metadata"
      placeholder='{"purpose": "testing"}'
      error={fieldState.error?.message}
      minRows={2}
    />
  );
}
