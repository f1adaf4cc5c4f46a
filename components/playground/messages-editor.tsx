"use client";

import { useFieldArray, useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { SectionTitle } from "@/components/ui/field";
import { PlusIcon } from "@/components/ui/icons";
import type { RequestDraft } from "@/lib/client/draft";
import type { Message } from "@/lib/schema/completion-request";
import { MessageItem } from "./message-item";

export const MESSAGES_PATH = "llm_configuration.messages";

function nextRole(messages: readonly Partial<Message>[] | undefined): Message["role"] {
  const last = messages?.at(-1)?.role;
  return last === "user" || last === "example_user" || last === "tool" ? "assistant" : "user";
}

export function MessagesEditor() {
  const { control, getValues } = useFormContext<RequestDraft>();
  const { fields, append, remove, swap } = useFieldArray({ control, name: MESSAGES_PATH as never });

  const add = () => {
    const messages = getValues(MESSAGES_PATH as never) as unknown as Message[] | undefined;
    append({ role: nextRole(messages), content: "" } as never, {
      focusName: `${MESSAGES_PATH}.${fields.length}.content`,
    });
  };

  return (
    <section aria-labelledby="messages-title">
      <SectionTitle
        actions={
          <Button size="sm" variant="ghost" onClick={add} data-testid="add-message">
            <PlusIcon /> Message
          </Button>
        }
      >
        <span id="messages-title">Messages</span>
      </SectionTitle>
      <ol className="space-y-2" data-testid="messages">
        {fields.map((field, index) => (
          <MessageItem
            key={field.id}
            index={index}
            count={fields.length}
            onRemove={() => remove(index)}
            onMove={(offset) => swap(index, index + offset)}
          />
        ))}
      </ol>
      {fields.length === 0 ? (
        <button
          type="button"
          onClick={add}
          className="w-full rounded-lg border border-dashed border-zinc-300 py-4 text-xs text-zinc-500 hover:bg-zinc-50 dark:border-zinc-700 dark:hover:bg-zinc-900"
        >
          No messages. Add one to start.
        </button>
      ) : null}
    </section>
  );
}
