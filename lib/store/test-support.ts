// Test-only helpers (imported by *.test.ts): a throwaway database per test file on each dialect.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { type CreateStoreOptions, createStore, type Store } from "./db";
import type { DialectName, LogEntry } from "./types";

/** The admin connection; each test file creates (and drops) its own database beside it. */
export const PG_ADMIN_URL = process.env.STORE_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const DIALECTS: DialectName[] = process.env.STORE_TEST_SKIP_PG === "1" ? ["sqlite"] : ["sqlite", "postgres"];

export interface TestDatabase {
  dialect: DialectName;
  url: string;
  /** SQLite: the file path. */
  file?: string;
  open(options?: Omit<CreateStoreOptions, "url">): Store;
  /** Closes every store opened here, then drops the database. */
  dispose(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const stores: Store[] = [];
  const open =
    (url: string) =>
    (options: Omit<CreateStoreOptions, "url"> = {}) => {
      const store = createStore({ keysSecret: "test-secret", ...options, url });
      stores.push(store);
      return store;
    };
  const closeAll = () => Promise.all(stores.map((store) => store.close()));
  if (dialect === "sqlite") {
    const directory = mkdtempSync(path.join(tmpdir(), "store-test-"));
    const file = path.join(directory, "playground.db");
    return {
      dialect,
      url: file,
      file,
      open: open(file),
      async dispose() {
        await closeAll();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  }
  const name = `pg_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    open: open(url.toString()),
    async dispose() {
      await closeAll();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const client = new Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

let counter = 0;

/** A complete log entry with unique ids; override what the test is about. */
export function sampleEntry(overrides: Partial<LogEntry> = {}): LogEntry {
  counter += 1;
  const traceId = overrides.trace_id ?? `trace-${Date.now().toString(36)}-${counter}`;
  return {
    trace_id: traceId,
    parent_trace_id: null,
    root_trace_id: traceId,
    project_name: "default",
    experiment_uuid: null,
    trace_name: null,
    end_user_identifier: null,
    metadata: null,
    tags: [],
    target: null,
    provider: "openai",
    model: "gpt-4o-mini",
    request: { llm_configuration: { model: "gpt-4o-mini" } },
    output: "hello",
    input_tokens: 10,
    output_tokens: 5,
    total_tokens: 15,
    cost: 0.0001,
    latency: 0.5,
    time_to_first_token: 0.1,
    status: "success",
    error: null,
    cache_hit: false,
    scores: {},
    start_timestamp: "2025-01-01T00:00:00.000Z",
    end_timestamp: "2025-01-01T00:00:00.500Z",
    ...overrides,
  };
}
