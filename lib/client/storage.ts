/**
 * localStorage that never throws (private mode, quota, a corrupted value): the playground must open whatever the
 * browser holds. Every key the app writes is listed here, so a reviewer sees at a glance what stays on the device.
 */
export const STORAGE_KEYS = {
  draft: "llm-playground.draft.v1",
  lastRun: "llm-playground.last-run.v1",
  theme: "llm-playground.theme",
  /** Only written when the user ticks "Remember on this device". */
  keys: "llm-playground.keys.v1",
  jsonPanel: "llm-playground.json-panel",
  /** The draft a share link or an import replaced, so it can be restored. */
  previousDraft: "llm-playground.previous-draft.v1",
  /** The compare view's columns (the shared request is the draft above). */
  compare: "llm-playground.compare.v1",
  /** Requests sent from the history to the compare view, picked up when it opens. */
  compareInbox: "llm-playground.compare-inbox.v1",
  /** A base URL that came with a shared, imported or opened request, until the user confirms it before a run. */
  foreignBaseUrl: "llm-playground.foreign-base-url.v1",
  // Run history lives in IndexedDB (database "llm-playground", store "runs"): see run-history.ts.
} as const;

export function readStored<T>(key: string): T | undefined {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota or private mode: the app keeps working, it just will not remember.
  }
}

export function removeStored(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // ignore
  }
}
