"use client";

import { useEffect } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { RequestDraft } from "@/lib/client/draft";
import { saveDraft } from "@/lib/client/draft-storage";

const DELAY_MS = 300;

/** Saves the draft (never a key: saveDraft strips it) a moment after each change, and right away on leaving. */
export function useDraftAutosave(form: UseFormReturn<RequestDraft>) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      timer = undefined;
      saveDraft(form.getValues());
    };
    const subscription = form.watch(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, DELAY_MS);
    });
    const onLeave = () => {
      if (timer) {
        clearTimeout(timer);
        save();
      }
    };
    window.addEventListener("pagehide", onLeave);
    return () => {
      subscription.unsubscribe();
      window.removeEventListener("pagehide", onLeave);
      onLeave();
    };
  }, [form]);
}
