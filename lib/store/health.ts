import "server-only";
import { sql } from "kysely";
import { defaultStoreUrl, getStore, isPostgresUrl } from "./db";
import type { DialectName } from "./types";
import { StoreUnavailableError } from "./unavailable";

export interface StoreHealth {
  dialect: DialectName;
  status: "up" | "down";
  /** Why it is down, without the connection string: "The store (PostgreSQL) is unreachable (ECONNREFUSED)...". */
  message?: string;
}

const PROBE_TIMEOUT_MS = 3_000;

/** Opens the store (migrations included) and runs `select 1`, within a few seconds: what a load balancer needs. */
export async function storeHealth(timeoutMs = PROBE_TIMEOUT_MS): Promise<StoreHealth> {
  const dialect: DialectName = isPostgresUrl(defaultStoreUrl()) ? "postgres" : "sqlite";
  let timer: NodeJS.Timeout | undefined;
  try {
    const store = getStore();
    const probe = store.ready().then(() => sql`select 1`.execute(store.db));
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("probe timed out"), { code: "ETIMEDOUT" })), timeoutMs);
    });
    await Promise.race([probe, timeout]);
    return { dialect, status: "up" };
  } catch (error) {
    const unavailable = error instanceof StoreUnavailableError ? error : new StoreUnavailableError(dialect, error);
    return { dialect, status: "down", message: unavailable.message };
  } finally {
    clearTimeout(timer);
  }
}
