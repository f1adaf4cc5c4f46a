"use client";

import { useId } from "react";
import { FieldLabel, selectClass } from "@/components/ui/field";
import { JsonTextarea } from "@/components/ui/json-textarea";
import { useDraftField } from "./fields";

const PATH = "llm_configuration.model_params.response_format";

const EXAMPLE_SCHEMA = {
  name: "answer",
  strict: true,
  schema: {
    type: "object",
    properties: { answer: { type: "string" } },
    required: ["answer"],
    additionalProperties: false,
  },
};

function asObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
}

/** text / JSON object / JSON schema; the schema ({name, schema, strict}) is edited as JSON. */
export function ResponseFormatField() {
  const id = useId();
  const { field } = useDraftField(PATH);
  const format = (field.value ?? undefined) as { type?: string; json_schema?: unknown } | undefined;
  const type = format?.type ?? "";

  return (
    <div className="space-y-2">
      <div>
        <FieldLabel htmlFor={id}>Response format</FieldLabel>
        <select
          id={id}
          ref={field.ref}
          data-testid="param-response-format"
          className={selectClass}
          value={type}
          onChange={(event) => {
            const next = event.target.value;
            if (next === "") field.onChange(undefined);
            else if (next === "json_schema")
              field.onChange({ ...format, type: next, json_schema: format?.json_schema ?? EXAMPLE_SCHEMA });
            else {
              const { json_schema: _schema, ...rest } = format ?? {};
              field.onChange({ ...rest, type: next });
            }
          }}
        >
          <option value="">Default (text)</option>
          <option value="text">Text</option>
          <option value="json_object">JSON object</option>
          <option value="json_schema">JSON schema</option>
        </select>
      </div>
      {type === "json_schema" ? <SchemaEditor /> : null}
    </div>
  );
}

function SchemaEditor() {
  const { field, fieldState } = useDraftField(`${PATH}.json_schema`);
  return (
    <JsonTextarea
      label="JSON schema"
      hint="{name, schema, strict} or a bare schema"
      value={asObject(field.value)}
      onChange={field.onChange}
      testId="response-format-schema"
      error={fieldState.error?.message}
      minRows={5}
    />
  );
}
