import { decodeRequestFragment } from "@/lib/share/request-link";
import { isShareFragment, shareKindOf } from "@/lib/share/share-link";
import { toShareableRequest } from "@/lib/share/shareable-request";
import { type Snapshot, snapshotSchema } from "@/lib/share/snapshot-schema";
import { markForeignBaseUrl } from "./base-url-trust";
import { defaultDraft, publicDraft, type RequestDraft, sameDraft } from "./draft";
import { saveDraft } from "./draft-storage";
import { keyStore } from "./key-store";
import { IDLE_RUN, type RunMetrics, type RunSnapshot } from "./run-types";
import { readStored, STORAGE_KEYS, writeStored } from "./storage";

/**
 * What the page found in its URL: nothing, a shared request it loaded as the new draft, or a link it could not
 * use. Opening a link never runs anything; it replaces the autosaved draft and keeps the old one restorable.
 */
export type OpenedLink =
  | { status: "none" }
  | { status: "opened"; message: string; restorable: boolean }
  | { status: "failed"; message: string; restorable: boolean };

/** Replaces the draft (and the last run) with a shared one; the draft it replaced can be restored. */
export function adoptDraft(draft: RequestDraft, run: RunSnapshot = IDLE_RUN): boolean {
  const previous = readStored<unknown>(STORAGE_KEYS.draft);
  const keep = previous !== undefined && !sameDraft(previous, draft) && !sameDraft(previous, defaultDraft());
  if (keep) writeStored(STORAGE_KEYS.previousDraft, publicDraft(previous));
  saveDraft(draft);
  markForeignBaseUrl(draft);
  writeStored(STORAGE_KEYS.lastRun, run);
  return keep;
}

export function previousDraft(): RequestDraft | undefined {
  const stored = readStored<unknown>(STORAGE_KEYS.previousDraft);
  return stored && typeof stored === "object" ? publicDraft(stored) : undefined;
}

/** GET /api/share/<id>, validated like anything else that arrives from outside. */
export async function fetchSnapshot(id: string): Promise<Snapshot | string> {
  try {
    const { accessKey } = keyStore.getSnapshot();
    const response = await fetch(`/api/share/${encodeURIComponent(id)}`, {
      headers: accessKey ? { "x-api-key": accessKey } : undefined,
    });
    if (response.status === 404) return "This short link does not exist (or it was mistyped).";
    if (!response.ok) return `The server could not open this short link (HTTP ${response.status}).`;
    const body = (await response.json()) as unknown;
    // Validated, then used as sent: zod's output would add defaults the sender never set.
    return snapshotSchema.safeParse(body).success ? (body as Snapshot) : "This short link's snapshot is not valid.";
  } catch {
    return "The server could not be reached to open this short link.";
  }
}

function snapshotRun(snapshot: Snapshot): RunSnapshot {
  if (!snapshot.output) return IDLE_RUN;
  const configuration = snapshot.request?.llm_configuration ?? {};
  return {
    status: "done",
    text: snapshot.output.text,
    toolCalls: (snapshot.output.toolCalls ?? []).map((call, index) => ({ index, ...call })),
    result: snapshot.metrics ? (snapshot.metrics as unknown as RunMetrics) : undefined,
    provider: configuration.provider ?? undefined,
    model: configuration.model ?? undefined,
  };
}

function failed(message: string): OpenedLink {
  // A broken link opens the defaults (as promised to whoever sent it), never half of what it held.
  const restorable = adoptDraft(defaultDraft());
  return { status: "failed", message, restorable };
}

/**
 * Reads `#r1=…` or `?s=<id>` from the address, loads it, then takes it off the address so a reload keeps the
 * user's edits. A comparison link opened here goes to /compare (the return value says so with `redirect`).
 */
export async function openSharedLink(location: Location): Promise<OpenedLink & { redirect?: string }> {
  const id = new URLSearchParams(location.search).get("s");
  const hash = location.hash;
  if (!id && !isShareFragment(hash)) return { status: "none" };
  const clear = () => window.history.replaceState(window.history.state, "", location.pathname);
  if (!id && shareKindOf(hash) === "comparison") return { status: "none", redirect: `/compare${hash}` };
  if (!id) {
    const decoded = decodeRequestFragment(hash);
    clear();
    if (!decoded.ok) return failed(decoded.message);
    const restorable = adoptDraft(decoded.value);
    return { status: "opened", message: "Opened a shared request. Your keys are used to run it.", restorable };
  }
  const snapshot = await fetchSnapshot(id);
  if (typeof snapshot !== "string" && snapshot.comparison) return { status: "none", redirect: `/compare?s=${id}` };
  clear();
  if (typeof snapshot === "string") return failed(snapshot);
  const request = toShareableRequest(snapshot.request).request;
  const restorable = adoptDraft(request, snapshotRun(snapshot));
  return { status: "opened", message: "Opened a shared snapshot. Your keys are used to run it.", restorable };
}
