import { z } from "zod";
import { decodeComparisonFragment } from "@/lib/compare/compare-link";
import {
  type CompareState,
  columnFromRequest,
  compareColumnSchema,
  initialCompareState,
  MAX_COLUMNS,
  MIN_COLUMNS,
  type RequestShape,
} from "@/lib/compare/compare-state";
import { isShareFragment, shareKindOf } from "@/lib/share/share-link";
import { loadDraft } from "./draft-storage";
import { adoptDraft, fetchSnapshot, type OpenedLink } from "./open-shared-link";
import { readStored, removeStored, STORAGE_KEYS, writeStored } from "./storage";

/**
 * What the compare view opens with. Its shared request is the playground draft (edited in either place); its
 * columns are kept apart. A comparison link (`#c1=…` or `?s=<id>`) replaces both, the draft it replaced kept
 * restorable, exactly as a request link does in the playground. Requests sent from the history become columns.
 */
const savedSchema = z.object({
  columns: z.array(compareColumnSchema).min(MIN_COLUMNS).max(MAX_COLUMNS),
  baseline: z.string().nullish(),
});

export interface OpenedComparison {
  state: CompareState;
  opened: OpenedLink;
  redirect?: string;
}

function savedState(base: RequestShape): CompareState {
  const stored = savedSchema.safeParse(readStored<unknown>(STORAGE_KEYS.compare));
  if (!stored.success) return initialCompareState(base);
  return { base, columns: stored.data.columns, baseline: stored.data.baseline };
}

export function saveComparison(state: CompareState): void {
  writeStored(STORAGE_KEYS.compare, { columns: state.columns, baseline: state.baseline ?? undefined });
}

function withInbox(state: CompareState): CompareState {
  const inbox = readStored<unknown>(STORAGE_KEYS.compareInbox);
  removeStored(STORAGE_KEYS.compareInbox);
  if (!Array.isArray(inbox) || inbox.length === 0) return state;
  const added = inbox
    .filter((request): request is RequestShape => typeof request === "object" && request !== null)
    .map((request) => columnFromRequest(state.base, request));
  return { ...state, columns: [...state.columns, ...added].slice(-MAX_COLUMNS) };
}

export async function openComparison(location: Location): Promise<OpenedComparison> {
  const id = new URLSearchParams(location.search).get("s");
  const hash = location.hash;
  const normal = () => withInbox(savedState(loadDraft().draft));
  if (!id && !(isShareFragment(hash) && shareKindOf(hash) === "comparison")) {
    return { state: normal(), opened: { status: "none" } };
  }
  let decoded: CompareState | string;
  if (id) {
    const snapshot = await fetchSnapshot(id);
    if (typeof snapshot !== "string" && snapshot.request) {
      return { state: normal(), opened: { status: "none" }, redirect: `/?s=${id}` };
    }
    decoded = typeof snapshot === "string" ? snapshot : (snapshot.comparison ?? "This snapshot holds no comparison.");
  } else {
    const result = decodeComparisonFragment(hash);
    decoded = result.ok ? result.value : result.message;
  }
  window.history.replaceState(window.history.state, "", location.pathname);
  if (typeof decoded === "string") {
    return { state: normal(), opened: { status: "failed", message: decoded, restorable: false } };
  }
  const restorable = adoptDraft(decoded.base);
  saveComparison(decoded);
  return {
    state: decoded,
    opened: { status: "opened", message: "Opened a shared comparison. Your keys are used to run it.", restorable },
  };
}
