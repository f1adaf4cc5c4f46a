import "server-only";
import { logError } from "@/lib/server/log-line";
import { getStore, type Store } from "@/lib/store";

/**
 * The store, opened on first use. A store that cannot open (a wrong DATABASE_URL) must not take completions down:
 * callers that can do without it (cache, logs) get undefined and the failure is reported once per minute.
 */
let lastReport = 0;

export function reportStoreFailure(what: string, error: unknown) {
  const now = Date.now();
  if (now - lastReport < 60_000) return;
  lastReport = now;
  logError(`[store] ${what} failed: ${(error as Error)?.message ?? String(error)}`);
}

export async function storeOrUndefined(): Promise<Store | undefined> {
  try {
    const store = getStore();
    await store.ready();
    return store;
  } catch (error) {
    reportStoreFailure("opening the store", error);
    return undefined;
  }
}
