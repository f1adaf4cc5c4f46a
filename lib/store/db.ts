/**
 * The store: logs, projects, the response cache, deployed prompts, saved provider keys and eval metrics, behind one
 * interface over SQLite (default) or PostgreSQL, through one Kysely query layer. Migrations are in code and run on
 * first use.
 *
 * Environment:
 * - DATABASE_URL       postgres://user@host:5432/db → PostgreSQL (pg Pool). Unset → SQLite.
 * - DATA_DIR           SQLite directory (default ./data); the file is DATA_DIR/playground.db (WAL mode).
 * - KEYS_SECRET        operator secret that encrypts saved provider keys (AES-256-GCM, scrypt-derived key). Unset →
 *                      saving keys is refused. Changing it makes keys saved before unreadable.
 * - CACHE_TTL_SECONDS  response cache lifetime (default 604800 = 7 days).
 * - CACHE_MAX_ENTRIES  response cache size cap; the oldest entries go first (default 10000).
 */
import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { Pool } from "pg";
import * as cache from "./cache";
import * as deployments from "./deployments";
import * as evalMetrics from "./eval-metrics";
import { logStats } from "./log-stats";
import * as logs from "./logs";
import { migrateToLatest } from "./migrations";
import * as platformDatasets from "./platform-datasets";
import * as platformExperiments from "./platform-experiments";
import * as platformQueries from "./platform-queries";
import * as platformSpans from "./platform-spans";
import * as projects from "./projects";
import * as providerKeys from "./provider-keys";
import * as snapshots from "./snapshots";
import type { CachedCompletion, Database, DialectName, StoreContext, StoreSettings } from "./types";
import { isStoreConnectionError, StoreUnavailableError } from "./unavailable";

export const DEFAULT_CACHE_TTL_SECONDS = 7 * 24 * 60 * 60;
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;

export interface CreateStoreOptions {
  /** A postgres:// URL, or a SQLite file path (":memory:" works). Default: DATABASE_URL, else DATA_DIR/playground.db. */
  url?: string;
  /** Default: KEYS_SECRET. */
  keysSecret?: string;
  cacheTtlSeconds?: number;
  cacheMaxEntries?: number;
  /** Postgres pool size (default 10). */
  poolSize?: number;
}

type Bound<F> = F extends (context: StoreContext, ...args: infer A) => Promise<infer R>
  ? (...args: A) => Promise<R>
  : never;

export interface Store {
  readonly dialect: DialectName;
  /** The query layer, for tests and one-off admin queries. */
  readonly db: Kysely<Database>;
  /** Applies pending migrations (every method waits for this; call it to fail fast at start-up). */
  ready(): Promise<void>;
  getOrCreateProject: Bound<typeof projects.getOrCreateProject>;
  listProjects: Bound<typeof projects.listProjects>;
  writeLog: Bound<typeof logs.writeLog>;
  getLog: Bound<typeof logs.getLog>;
  listLogs: Bound<typeof logs.listLogs>;
  setLogScores: Bound<typeof logs.setLogScores>;
  logStats: Bound<typeof logStats>;
  cacheGet<T = CachedCompletion>(key: string): Promise<T | undefined>;
  cachePut: Bound<typeof cache.cachePut>;
  cacheClear: Bound<typeof cache.cacheClear>;
  cacheSize: Bound<typeof cache.cacheSize>;
  putSnapshot: Bound<typeof snapshots.putSnapshot>;
  getSnapshot<T = unknown>(id: string): Promise<T | undefined>;
  getSnapshotRecord<T = unknown>(id: string): Promise<snapshots.SnapshotRecord<T> | undefined>;
  snapshotUsage: Bound<typeof snapshots.snapshotUsage>;
  purgeSnapshots: Bound<typeof snapshots.purgeSnapshots>;
  deleteSnapshot: Bound<typeof snapshots.deleteSnapshot>;
  markInterrupted: Bound<typeof logs.markInterrupted>;
  deploy: Bound<typeof deployments.deploy>;
  getDeployment: Bound<typeof deployments.getDeployment>;
  listPrompts: Bound<typeof deployments.listPrompts>;
  saveProviderKey: Bound<typeof providerKeys.saveProviderKey>;
  getProviderKey: Bound<typeof providerKeys.getProviderKey>;
  listProviderKeys: Bound<typeof providerKeys.listProviderKeys>;
  deleteProviderKey: Bound<typeof providerKeys.deleteProviderKey>;
  listEvalMetrics: Bound<typeof evalMetrics.listEvalMetrics>;
  createEvalMetric: Bound<typeof evalMetrics.createEvalMetric>;
  // Parea platform API (lib/platform).
  writeSpan: Bound<typeof platformSpans.writeSpan>;
  patchSpan: Bound<typeof platformSpans.patchSpan>;
  listTraceLogs: Bound<typeof platformSpans.listTraceLogs>;
  getLogRecord: Bound<typeof platformSpans.getLogRecord>;
  projectNameForUuid: Bound<typeof platformSpans.projectNameForUuid>;
  queryTraceRoots: Bound<typeof platformQueries.queryTraceRoots>;
  traceTotals: Bound<typeof platformQueries.traceTotals>;
  createDataset: Bound<typeof platformDatasets.createDataset>;
  addTestCases: Bound<typeof platformDatasets.addTestCases>;
  updateTestCase: Bound<typeof platformDatasets.updateTestCase>;
  getDataset: Bound<typeof platformDatasets.getDataset>;
  createExperiment: Bound<typeof platformExperiments.createExperiment>;
  finishExperiment: Bound<typeof platformExperiments.finishExperiment>;
  listExperiments: Bound<typeof platformExperiments.listExperiments>;
  getExperiment: Bound<typeof platformExperiments.getExperiment>;
  close(): Promise<void>;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

function positiveNumber(value: string | number | undefined, fallback: number): number {
  const number = typeof value === "number" ? value : Number(value);
  return value !== undefined && value !== "" && Number.isFinite(number) && number > 0 ? number : fallback;
}

function openSqlite(url: string): SqliteDatabase.Database {
  const file = url.replace(/^(sqlite|file):(\/\/)?/i, "");
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new SqliteDatabase(file);
  database.pragma("journal_mode = WAL");
  database.pragma("busy_timeout = 5000");
  // NORMAL in WAL mode: a commit survives an app crash; only an OS crash or power cut can lose the last few.
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  // SQLite's built-in lower() folds ASCII only; Postgres folds all of Unicode. Same SQL, same answers on both.
  database.function("lower", { deterministic: true }, (value: unknown) =>
    typeof value === "string" ? value.toLowerCase() : (value as null),
  );
  return database;
}

function connect(url: string, poolSize: number | undefined): { db: Kysely<Database>; dialect: DialectName } {
  if (isPostgresUrl(url)) {
    // A bounded connect: an unreachable host answers a 503 in seconds instead of holding requests for minutes.
    const pool = new Pool({ connectionString: url, max: poolSize ?? 10, connectionTimeoutMillis: 10_000 });
    // Without a listener, an idle client dropped by the server (restart, failover) crashes the process.
    pool.on("error", (error) => console.error(`[store] idle Postgres connection error: ${error.message}`));
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: "postgres" };
  }
  const database = openSqlite(url);
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database }) }), dialect: "sqlite" };
}

export function defaultStoreUrl(): string {
  return process.env.DATABASE_URL || path.join(process.env.DATA_DIR || "./data", "playground.db");
}

export function createStore(options: CreateStoreOptions = {}): Store {
  const { db, dialect } = connect(options.url ?? defaultStoreUrl(), options.poolSize);
  const settings: StoreSettings = {
    keysSecret: options.keysSecret ?? (process.env.KEYS_SECRET || undefined),
    cacheTtlMs:
      positiveNumber(options.cacheTtlSeconds ?? process.env.CACHE_TTL_SECONDS, DEFAULT_CACHE_TTL_SECONDS) * 1000,
    cacheMaxEntries: Math.floor(
      positiveNumber(options.cacheMaxEntries ?? process.env.CACHE_MAX_ENTRIES, DEFAULT_CACHE_MAX_ENTRIES),
    ),
  };
  const context: StoreContext = { db, dialect, settings, projectUuids: new Map() };
  let migrated: Promise<void> | undefined;
  let closed: Promise<void> | undefined;
  const ready = () => {
    if (closed) return Promise.reject(new Error("the store is closed"));
    // A failed migration is not cached: the next call tries again (the database may have been down).
    migrated ??= migrateToLatest(db, dialect).catch((error: unknown) => {
      migrated = undefined;
      throw new StoreUnavailableError(dialect, error);
    });
    return migrated;
  };
  const bind =
    <A extends unknown[], R>(method: (context: StoreContext, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await ready();
      try {
        return await method(context, ...args);
      } catch (error) {
        throw isStoreConnectionError(error) ? new StoreUnavailableError(dialect, error) : error;
      }
    };
  return {
    dialect,
    db,
    ready,
    getOrCreateProject: bind(projects.getOrCreateProject),
    listProjects: bind(projects.listProjects),
    writeLog: bind(logs.writeLog),
    getLog: bind(logs.getLog),
    listLogs: bind(logs.listLogs),
    setLogScores: bind(logs.setLogScores),
    logStats: bind(logStats),
    cacheGet: <T>(key: string) => bind(cache.cacheGet<T>)(key),
    cachePut: bind(cache.cachePut),
    cacheClear: bind(cache.cacheClear),
    putSnapshot: bind(snapshots.putSnapshot),
    getSnapshot: bind(snapshots.getSnapshot) as Store["getSnapshot"],
    getSnapshotRecord: bind(snapshots.getSnapshotRecord) as Store["getSnapshotRecord"],
    snapshotUsage: bind(snapshots.snapshotUsage),
    purgeSnapshots: bind(snapshots.purgeSnapshots),
    deleteSnapshot: bind(snapshots.deleteSnapshot),
    markInterrupted: bind(logs.markInterrupted),
    cacheSize: bind(cache.cacheSize),
    deploy: bind(deployments.deploy),
    getDeployment: bind(deployments.getDeployment),
    listPrompts: bind(deployments.listPrompts),
    saveProviderKey: bind(providerKeys.saveProviderKey),
    getProviderKey: bind(providerKeys.getProviderKey),
    listProviderKeys: bind(providerKeys.listProviderKeys),
    deleteProviderKey: bind(providerKeys.deleteProviderKey),
    listEvalMetrics: bind(evalMetrics.listEvalMetrics),
    createEvalMetric: bind(evalMetrics.createEvalMetric),
    writeSpan: bind(platformSpans.writeSpan),
    patchSpan: bind(platformSpans.patchSpan),
    listTraceLogs: bind(platformSpans.listTraceLogs),
    getLogRecord: bind(platformSpans.getLogRecord),
    projectNameForUuid: bind(platformSpans.projectNameForUuid),
    queryTraceRoots: bind(platformQueries.queryTraceRoots),
    traceTotals: bind(platformQueries.traceTotals),
    createDataset: bind(platformDatasets.createDataset),
    addTestCases: bind(platformDatasets.addTestCases),
    updateTestCase: bind(platformDatasets.updateTestCase),
    getDataset: bind(platformDatasets.getDataset),
    createExperiment: bind(platformExperiments.createExperiment),
    finishExperiment: bind(platformExperiments.finishExperiment),
    listExperiments: bind(platformExperiments.listExperiments),
    getExperiment: bind(platformExperiments.getExperiment),
    close() {
      closed ??= (migrated ?? Promise.resolve()).catch(() => undefined).then(() => db.destroy());
      return closed;
    },
  };
}

// On globalThis: Next dev hot reload re-evaluates modules, and route bundles each get their own copy; one pool or
// one SQLite handle per process is what we want.
const globalStore = globalThis as typeof globalThis & { __playgroundStore?: Store };

/** The process-wide store, configured from the environment. */
export function getStore(): Store {
  try {
    globalStore.__playgroundStore ??= createStore();
  } catch (error) {
    // SQLite opens its file at once (a missing or read-only DATA_DIR); the next call tries again.
    throw new StoreUnavailableError(isPostgresUrl(defaultStoreUrl()) ? "postgres" : "sqlite", error);
  }
  return globalStore.__playgroundStore;
}

/** Closes the process-wide store (shutdown hooks, tests); the next getStore() opens a fresh one. */
export async function closeStore(): Promise<void> {
  const store = globalStore.__playgroundStore;
  globalStore.__playgroundStore = undefined;
  await store?.close();
}
