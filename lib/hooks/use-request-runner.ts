"use client";

import { useCallback } from "react";
import type { UseFormReturn } from "react-hook-form";
import { publicDraft, type RequestDraft } from "@/lib/client/draft";
import { keyStore } from "@/lib/client/key-store";
import type { ToolCallView } from "@/lib/client/run-types";
import { toolContinuationMessages } from "@/lib/client/tool-calls";
import { completionRequestSchema, type Message } from "@/lib/schema/completion-request";
import type { useRun } from "./use-run";

const MESSAGES = "llm_configuration.messages" as never;

function messagesOf(form: UseFormReturn<RequestDraft>): Message[] {
  const messages = form.getValues(MESSAGES) as unknown;
  return Array.isArray(messages) ? (messages as Message[]) : [];
}

/**
 * The actions that turn the draft into runs: Run (the draft plus the key, injected here and nowhere else),
 * Continue after tool calls, and Add to conversation.
 */
export function useRequestRunner(form: UseFormReturn<RequestDraft>, runner: ReturnType<typeof useRun>) {
  const { run } = runner;

  const runNow = useCallback(async () => {
    const draft = publicDraft(form.getValues());
    const configuration = (draft.llm_configuration ?? {}) as { provider?: string; model?: string };
    const parsed = completionRequestSchema.safeParse(draft);
    if (!parsed.success) {
      void form.trigger();
      runner.fail({
        status: 422,
        type: "validation_error",
        message: "Fix the highlighted fields before running.",
        detail: parsed.error.issues.map((issue) => ({ loc: issue.path as (string | number)[], msg: issue.message })),
      });
      return;
    }
    const key = keyStore.keyFor(configuration.provider);
    const { accessKey } = keyStore.getSnapshot();
    const body = key ? { ...draft, provider_api_key: key } : draft;
    await run(body as Record<string, unknown>, {
      accessKey: accessKey || undefined,
      provider: configuration.provider,
      model: configuration.model,
    });
  }, [form, run, runner]);

  const continueWithTools = useCallback(
    async (calls: readonly ToolCallView[], results: Record<string, string>) => {
      const next = [...messagesOf(form), ...toolContinuationMessages(calls, results)];
      form.setValue(MESSAGES, next as never, { shouldDirty: true, shouldValidate: true });
      await runNow();
    },
    [form, runNow],
  );

  const addToConversation = useCallback(
    (text: string) => {
      const current = messagesOf(form);
      const next = [...current, { role: "assistant", content: text }, { role: "user", content: "" }];
      form.setValue(MESSAGES, next as never, { shouldDirty: true });
      const focusName = `llm_configuration.messages.${current.length + 1}.content`;
      // After React has rendered the new message.
      requestAnimationFrame(() => requestAnimationFrame(() => form.setFocus(focusName as never)));
    },
    [form],
  );

  return { runNow, continueWithTools, addToConversation };
}
