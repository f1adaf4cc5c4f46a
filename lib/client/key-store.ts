import { readStored, removeStored, STORAGE_KEYS, writeStored } from "./storage";

/**
 * Provider keys live in this module's memory (gone when the tab closes) unless the user opts in to "Remember on
 * this device"; only then are they written, under one localStorage key of their own. They leave the browser only in
 * the body of a request to our own server (`provider_api_key`): never in a URL, the draft, the last run or an export.
 */
export interface KeyState {
  remember: boolean;
  /** Provider id → key. */
  keys: Readonly<Record<string, string>>;
  /** The playground's own access key (PLAYGROUND_API_KEYS on the server), sent as `x-api-key`. */
  accessKey: string;
}

interface StoredKeys {
  keys?: Record<string, string>;
  accessKey?: string;
}

const EMPTY: KeyState = { remember: false, keys: {}, accessKey: "" };
let state: KeyState = EMPTY;
let loaded = false;
const listeners = new Set<() => void>();

function load() {
  if (loaded || typeof window === "undefined") return;
  loaded = true;
  const stored = readStored<StoredKeys>(STORAGE_KEYS.keys);
  if (stored && typeof stored === "object") {
    const keys = Object.fromEntries(
      Object.entries(stored.keys ?? {}).filter(([, value]) => typeof value === "string" && value !== ""),
    );
    state = { remember: true, keys, accessKey: typeof stored.accessKey === "string" ? stored.accessKey : "" };
  }
}

function commit(next: KeyState) {
  state = next;
  if (next.remember) writeStored(STORAGE_KEYS.keys, { keys: next.keys, accessKey: next.accessKey || undefined });
  else removeStored(STORAGE_KEYS.keys);
  for (const listener of listeners) listener();
}

export const keyStore = {
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getSnapshot(): KeyState {
    load();
    return state;
  },
  getServerSnapshot(): KeyState {
    return EMPTY;
  },
  setKey(provider: string, value: string) {
    load();
    const keys = { ...state.keys };
    if (value.trim() === "") delete keys[provider];
    else keys[provider] = value.trim();
    commit({ ...state, keys });
  },
  setAccessKey(value: string) {
    load();
    commit({ ...state, accessKey: value.trim() });
  },
  setRemember(remember: boolean) {
    load();
    commit({ ...state, remember });
  },
  clearAll() {
    load();
    commit({ ...EMPTY, remember: state.remember });
  },
  keyFor(provider: string | null | undefined): string | undefined {
    load();
    return provider ? state.keys[provider] : undefined;
  },
};
