"use client";

import { useId } from "react";
import { AutoTextarea } from "@/components/ui/auto-textarea";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/field";
import { ArrowDownIcon, ArrowUpIcon, TrashIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import { MESSAGE_ROLES } from "@/lib/schema/completion-request";
import { useDraftField } from "./fields";

const ROLE_LABELS: Record<string, string> = {
  system: "System",
  user: "User",
  assistant: "Assistant",
  example_user: "Example user",
  example_assistant: "Example assistant",
  tool: "Tool",
  function: "Function",
};

const ROLE_TONES: Record<string, string> = {
  system: "border-l-violet-400",
  user: "border-l-sky-400",
  assistant: "border-l-emerald-400",
  example_user: "border-l-sky-200 dark:border-l-sky-800",
  example_assistant: "border-l-emerald-200 dark:border-l-emerald-800",
  tool: "border-l-amber-400",
  function: "border-l-amber-400",
};

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === "{" || first === "[";
}

export function MessageItem({
  index,
  count,
  onRemove,
  onMove,
}: {
  index: number;
  count: number;
  onRemove: () => void;
  onMove: (offset: -1 | 1) => void;
}) {
  const id = useId();
  const role = useDraftField(`llm_configuration.messages.${index}.role`);
  const content = useDraftField(`llm_configuration.messages.${index}.content`);
  const roleValue = typeof role.field.value === "string" ? role.field.value : "user";
  const text = typeof content.field.value === "string" ? content.field.value : "";
  const error = role.fieldState.error?.message ?? content.fieldState.error?.message;

  return (
    <li
      className={cn(
        "group rounded-lg border border-l-[3px] border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/60",
        ROLE_TONES[roleValue] ?? "border-l-zinc-300",
      )}
      data-testid={`message-${index}`}
    >
      <div className="flex items-center gap-1 px-2 pt-1.5">
        <label htmlFor={`${id}-role`} className="sr-only">
          Role of message {index + 1}
        </label>
        <select
          id={`${id}-role`}
          ref={role.field.ref}
          data-testid={`message-role-${index}`}
          value={roleValue}
          onChange={(event) => role.field.onChange(event.target.value)}
          className="h-6 rounded border-0 bg-transparent py-0 pr-6 pl-1 text-[11px] font-semibold tracking-wide text-zinc-600 uppercase hover:bg-zinc-100 focus:ring-2 focus:ring-blue-500/30 focus:outline-none dark:text-zinc-300 dark:hover:bg-zinc-800"
        >
          {MESSAGE_ROLES.map((name) => (
            <option key={name} value={name}>
              {ROLE_LABELS[name] ?? name}
            </option>
          ))}
        </select>
        <div className="ml-auto flex items-center opacity-60 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100">
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Move message ${index + 1} up`}
            data-testid={`message-move-up-${index}`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            <ArrowUpIcon />
          </Button>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Move message ${index + 1} down`}
            data-testid={`message-move-down-${index}`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            <ArrowDownIcon />
          </Button>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Remove message ${index + 1}`}
            data-testid={`message-remove-${index}`}
            onClick={onRemove}
            className="hover:text-red-600 dark:hover:text-red-400"
          >
            <TrashIcon />
          </Button>
        </div>
      </div>
      <div className="px-2 pt-1 pb-2">
        <label htmlFor={`${id}-content`} className="sr-only">
          Content of message {index + 1} ({ROLE_LABELS[roleValue] ?? roleValue})
        </label>
        <AutoTextarea
          id={`${id}-content`}
          ref={content.field.ref}
          data-testid={`message-content-${index}`}
          value={text}
          onChange={(event) => content.field.onChange(event.target.value)}
          onBlur={content.field.onBlur}
          placeholder={
            roleValue === "system" ? "You are a helpful assistant…" : "Write a message… use {{name}} for variables"
          }
          minRows={2}
          spellCheck={!looksLikeJson(text)}
          className={cn(
            "border-transparent bg-transparent px-1 shadow-none focus:border-zinc-200 dark:bg-transparent dark:focus:border-zinc-700",
            looksLikeJson(text) && "font-mono text-xs",
          )}
        />
        <FieldError message={error} />
      </div>
    </li>
  );
}
