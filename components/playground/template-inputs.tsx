"use client";

import { useId } from "react";
import { AutoTextarea } from "@/components/ui/auto-textarea";
import { FieldLabel, SectionTitle } from "@/components/ui/field";
import type { Message } from "@/lib/schema/completion-request";
import { templateVariables } from "@/lib/schema/template";
import { useDraftField, useDraftValue } from "./fields";

/** One input per `{{name}}` found in the messages, bound to llm_inputs.name. */
export function TemplateInputs() {
  const messages = useDraftValue<Message[]>("llm_configuration.messages");
  const names = templateVariables((messages ?? []).filter((message) => typeof message?.content === "string"));
  if (names.length === 0) return null;
  return (
    <section aria-labelledby="variables-title" data-testid="template-inputs">
      <SectionTitle>
        <span id="variables-title">Variables</span>
      </SectionTitle>
      <div className="space-y-2">
        {names.map((name) => (
          <TemplateInput key={name} name={name} />
        ))}
      </div>
    </section>
  );
}

function TemplateInput({ name }: { name: string }) {
  const id = useId();
  const { field } = useDraftField(`llm_inputs.${name}`);
  const value = typeof field.value === "string" ? field.value : field.value == null ? "" : JSON.stringify(field.value);
  return (
    <div>
      <FieldLabel htmlFor={id} hint={value === "" ? "no value: left as written" : undefined}>
        <span className="font-mono">{`{{${name}}}`}</span>
      </FieldLabel>
      <AutoTextarea
        id={id}
        data-testid={`template-input-${name}`}
        value={value}
        onChange={(event) => field.onChange(event.target.value)}
        placeholder={`Value for ${name}`}
        maxHeight={200}
      />
    </div>
  );
}
