"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import { draftToJson, type RequestDraft, sameDraft } from "@/lib/client/draft";
import { checkRequestJson, type JsonProblem } from "@/lib/client/request-json";

const DEBOUNCE_MS = 150;

/** What the hook needs from the editor; Monaco implements it, the hook never imports Monaco. */
export interface TextEditorHandle {
  getText(): string;
  /** Replaces the text without reporting it back as a user edit. */
  setText(text: string): void;
}

/**
 * Keeps the JSON editor and the form saying the same thing, both ways, ~150 ms after the last keystroke.
 * - form → editor: the editor is rewritten only when its JSON means something else (key order and spacing the
 *   user chose survive);
 * - editor → form: only text that is valid JSON AND a valid request reaches the form (as a whole, so unknown fields
 *   ride along); anything else becomes problems shown inline, and the form keeps its last good values.
 */
export function useJsonSync(form: UseFormReturn<RequestDraft>) {
  const [problems, setProblems] = useState<JsonProblem[]>([]);
  const editor = useRef<TextEditorHandle | null>(null);
  const editTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const push = () => {
      const handle = editor.current;
      if (!handle) return;
      const values = form.getValues();
      let shown: unknown;
      try {
        shown = JSON.parse(handle.getText());
      } catch {
        shown = undefined;
      }
      if (shown !== undefined && sameDraft(shown, values)) return;
      if (editTimer.current) clearTimeout(editTimer.current);
      const text = draftToJson(values);
      handle.setText(text);
      setProblems(checkRequestJson(text).problems);
    };
    const subscription = form.watch(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(push, DEBOUNCE_MS);
    });
    return () => {
      subscription.unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [form]);

  useEffect(() => () => clearTimeout(editTimer.current), []);

  const onEditorChange = useCallback(
    (text: string) => {
      if (editTimer.current) clearTimeout(editTimer.current);
      editTimer.current = setTimeout(() => {
        const check = checkRequestJson(text);
        setProblems(check.problems);
        if (!check.ok || sameDraft(check.value, form.getValues())) return;
        form.reset(check.value as RequestDraft, { keepDefaultValues: true });
        void form.trigger();
      }, DEBOUNCE_MS);
    },
    [form],
  );

  const attach = useCallback((handle: TextEditorHandle | null) => {
    editor.current = handle;
    if (handle) setProblems(checkRequestJson(handle.getText()).problems);
  }, []);

  /** The text to open the editor with (the form's values right now). */
  const initialText = useCallback(() => draftToJson(form.getValues()), [form]);

  return { problems, onEditorChange, attach, initialText };
}
