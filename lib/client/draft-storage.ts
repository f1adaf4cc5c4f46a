import { completionRequestSchema } from "@/lib/schema/completion-request";
import { defaultDraft, publicDraft, type RequestDraft } from "./draft";
import { readStored, STORAGE_KEYS, writeStored } from "./storage";

export interface LoadedDraft {
  draft: RequestDraft;
  /** Set when a stored draft existed but could not be used: the user is told, the page still opens. */
  notice?: string;
}

export function loadDraft(): LoadedDraft {
  const stored = readStored<unknown>(STORAGE_KEYS.draft);
  if (stored === undefined) return { draft: defaultDraft() };
  const parsed = completionRequestSchema.safeParse(stored);
  if (!parsed.success) {
    return { draft: defaultDraft(), notice: "The saved draft was not a valid request, so the defaults were loaded." };
  }
  return { draft: publicDraft(stored) };
}

export function saveDraft(value: unknown): void {
  writeStored(STORAGE_KEYS.draft, publicDraft(value));
}
