import { publicDraft, type RequestDraft } from "./draft";
import type { RunErrorInfo, RunMetrics, RunSnapshot, RunStatus, ToolCallView } from "./run-types";

/**
 * Every finished run (request without key, output, metrics, time), kept on this device in IndexedDB: localStorage's
 * ~5 MB would not hold 200 long outputs. Capped at MAX_RUNS (oldest dropped) and each output at MAX_TEXT
 * characters. If IndexedDB is unavailable (some private modes) the history lives in memory for the tab.
 */
export interface HistoryEntry {
  id: string;
  /** When the run ended (epoch ms). */
  time: number;
  source: "playground" | "compare";
  request: RequestDraft;
  status: RunStatus;
  text: string;
  toolCalls: ToolCallView[];
  result?: RunMetrics;
  error?: RunErrorInfo;
  provider?: string;
  model?: string;
}

export const MAX_RUNS = 200;
const MAX_TEXT = 200_000;
const DATABASE = "llm-playground";
const STORE = "runs";

let opening: Promise<IDBDatabase | undefined> | undefined;
let memory: HistoryEntry[] = [];
const listeners = new Set<() => void>();

function request<T>(operation: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    operation.onsuccess = () => resolve(operation.result);
    operation.onerror = () => reject(operation.error);
  });
}

function database(): Promise<IDBDatabase | undefined> {
  opening ??= new Promise((resolve) => {
    try {
      const open = indexedDB.open(DATABASE, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: "id" }).createIndex("time", "time");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => resolve(undefined);
      open.onblocked = () => resolve(undefined);
    } catch {
      resolve(undefined);
    }
  });
  return opening;
}

function notify() {
  for (const listener of listeners) listener();
}

export function subscribeHistory(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The entry a settled run becomes (the key is stripped here too, whatever the caller passed). */
export function historyEntry(
  body: unknown,
  snapshot: RunSnapshot,
  source: HistoryEntry["source"] = "playground",
): HistoryEntry {
  return {
    id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    time: snapshot.finishedAt ?? Date.now(),
    source,
    request: publicDraft(body),
    status: snapshot.status,
    text: snapshot.text.length > MAX_TEXT ? snapshot.text.slice(0, MAX_TEXT) : snapshot.text,
    toolCalls: snapshot.toolCalls,
    result: snapshot.result,
    error: snapshot.error,
    provider: snapshot.provider,
    model: snapshot.model,
  };
}

export async function addRun(entry: HistoryEntry): Promise<void> {
  const db = await database();
  if (!db) {
    memory = [entry, ...memory].slice(0, MAX_RUNS);
    return notify();
  }
  try {
    const store = db.transaction(STORE, "readwrite").objectStore(STORE);
    await request(store.put(entry));
    const count = await request(store.count());
    if (count > MAX_RUNS) {
      let excess = count - MAX_RUNS;
      const cursor = store.index("time").openCursor();
      await new Promise<void>((resolve) => {
        cursor.onsuccess = () => {
          const current = cursor.result;
          if (!current || excess <= 0) return resolve();
          current.delete();
          excess--;
          current.continue();
        };
        cursor.onerror = () => resolve();
      });
    }
  } catch {
    // Quota or a closed database: a run that is not remembered must not break the page.
  }
  notify();
}

/** Newest first. */
export async function listRuns(): Promise<HistoryEntry[]> {
  const db = await database();
  if (!db) return memory;
  try {
    const all = await request(db.transaction(STORE).objectStore(STORE).index("time").getAll());
    return (all as HistoryEntry[]).reverse();
  } catch {
    return [];
  }
}

export async function deleteRun(id: string): Promise<void> {
  const db = await database();
  if (!db) memory = memory.filter((entry) => entry.id !== id);
  else await request(db.transaction(STORE, "readwrite").objectStore(STORE).delete(id)).catch(() => undefined);
  notify();
}

export async function clearRuns(): Promise<void> {
  const db = await database();
  if (!db) memory = [];
  else await request(db.transaction(STORE, "readwrite").objectStore(STORE).clear()).catch(() => undefined);
  notify();
}

function searchText(entry: HistoryEntry): string {
  const configuration = entry.request.llm_configuration ?? {};
  const messages = (configuration.messages ?? []).map((message) => message.content).join(" ");
  return [entry.provider, entry.model, configuration.model, messages, entry.text, (entry.request.tags ?? []).join(" ")]
    .join(" ")
    .toLowerCase();
}

/** Every word of the query must appear (in the model, messages, output or tags). */
export function searchRuns(entries: readonly HistoryEntry[], query: string): HistoryEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((entry) => {
    const haystack = searchText(entry);
    return words.every((word) => haystack.includes(word));
  });
}

/** A history entry as the output panel shows a run. */
export function entrySnapshot(entry: HistoryEntry): RunSnapshot {
  return {
    status: entry.status === "running" ? "stopped" : entry.status,
    text: entry.text,
    toolCalls: entry.toolCalls,
    result: entry.result,
    error: entry.error,
    provider: entry.provider,
    model: entry.model,
    startedAt: entry.time,
    finishedAt: entry.time,
  };
}

/** `useRun`'s onFinished for the playground: every settled run goes to the history. */
export function recordRun({ body, snapshot }: { body: unknown; snapshot: RunSnapshot }): void {
  void addRun(historyEntry(body, snapshot, "playground"));
}
