"use client";

import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { PlusIcon, TrashIcon } from "@/components/ui/icons";
import { JsonTextarea } from "@/components/ui/json-textarea";
import type { RequestDraft } from "@/lib/client/draft";
import type { FunctionDefinition } from "@/lib/schema/completion-request";
import { TextField, useDraftField, useDraftValue } from "./fields";
import { FunctionCallSelect } from "./function-call-select";

const FUNCTIONS_PATH = "llm_configuration.functions";

const EMPTY_PARAMETERS = { type: "object", properties: {}, required: [] };

/** Tools the model may call: name, description, and the JSON Schema of the arguments. */
export function FunctionsEditor() {
  const { control } = useFormContext<RequestDraft>();
  const { fields, append, remove } = useFieldArray({ control, name: FUNCTIONS_PATH as never });
  const functions = useDraftValue<FunctionDefinition[]>(FUNCTIONS_PATH);

  return (
    <section aria-label="Functions" className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {fields.length === 0 ? "No functions: the model answers in text." : "The model may call these tools."}
        </p>
        <Button
          size="sm"
          variant="ghost"
          data-testid="add-function"
          onClick={() =>
            append({ name: "", description: "", parameters: EMPTY_PARAMETERS } as never, {
              focusName: `${FUNCTIONS_PATH}.${fields.length}.name`,
            })
          }
        >
          <PlusIcon /> Function
        </Button>
      </div>
      {fields.length === 0 ? null : (
        <div className="space-y-2">
          {fields.map((field, index) => (
            <div
              key={field.id}
              className="space-y-2 rounded-lg border border-zinc-200 p-2.5 dark:border-zinc-800"
              data-testid={`function-${index}`}
            >
              <div className="flex items-end gap-2">
                <TextField
                  className="flex-1"
                  name={`${FUNCTIONS_PATH}.${index}.name`}
                  label="Name"
                  testId={`function-name-${index}`}
                  placeholder="get_current_weather"
                />
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove function ${index + 1}`}
                  data-testid={`function-remove-${index}`}
                  onClick={() => remove(index)}
                  className="mb-0.5"
                >
                  <TrashIcon />
                </Button>
              </div>
              <TextField
                name={`${FUNCTIONS_PATH}.${index}.description`}
                label="Description"
                testId={`function-description-${index}`}
                placeholder="What it does; the model reads this"
              />
              <ParametersField index={index} />
            </div>
          ))}
          <FunctionCallSelect names={(functions ?? []).map((fn) => fn?.name).filter(Boolean) as string[]} />
        </div>
      )}
    </section>
  );
}

function ParametersField({ index }: { index: number }) {
  const { field, fieldState } = useDraftField(`${FUNCTIONS_PATH}.${index}.parameters`);
  return (
    <JsonTextarea
      label="Parameters (JSON Schema)"
      value={field.value}
      onChange={field.onChange}
      testId={`function-parameters-${index}`}
      placeholder='{"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]}'
      error={fieldState.error?.message}
    />
  );
}
