import { markForeignBaseUrl } from "@/lib/client/base-url-trust";
import { publicDraft } from "@/lib/client/draft";
import { saveDraft } from "@/lib/client/draft-storage";
import { readStored, STORAGE_KEYS, writeStored } from "@/lib/client/storage";

/** The ids of one run: reusing them would file the new run under the old trace (and replace its log). */
const RUN_FIELDS = ["trace_id", "inference_id", "parent_trace_id", "root_trace_id"] as const;

/** A stored request (a log's, a deployment's) as a playground draft: never a key, never the old run's ids. */
export function toPlaygroundDraft(request: Record<string, unknown>) {
  const draft = publicDraft(request) as Record<string, unknown>;
  for (const field of RUN_FIELDS) delete draft[field];
  return draft;
}

/**
 * The playground opens on the draft saved in localStorage (lib/client/draft-storage): write it there, then
 * navigate client-side, so keys held in this tab's memory come along.
 */
export function openInPlayground(request: Record<string, unknown>, navigate: (href: string) => void) {
  const draft = toPlaygroundDraft(request);
  saveDraft(draft);
  markForeignBaseUrl(draft);
  navigate("/");
}

/** The compare view adds every request of its inbox as a column when it opens (lib/client/open-comparison). */
export function openInCompare(request: Record<string, unknown>, navigate: (href: string) => void) {
  const inbox = readStored<unknown[]>(STORAGE_KEYS.compareInbox);
  writeStored(STORAGE_KEYS.compareInbox, [...(Array.isArray(inbox) ? inbox : []), toPlaygroundDraft(request)]);
  navigate("/compare");
}
