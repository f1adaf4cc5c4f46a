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
