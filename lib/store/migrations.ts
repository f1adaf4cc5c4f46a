import "server-only";
import { type Kysely, sql } from "kysely";
import { type Migration, Migrator } from "kysely/migration";
import type { Database, DialectName } from "./types";

/** Custom eval metrics get ids from here up; 1–100 stay free for built-ins added by later migrations. */
export const FIRST_CUSTOM_METRIC_ID = 101;

// A snapshot, not an import of lib/evals/builtins: a migration must not change when code moves on. A test checks
// that the two agree.
const SEED_METRICS = [
  { id: 1, name: "Exact match", kind: "exact_match" },
  { id: 2, name: "Contains target", kind: "contains" },
  { id: 3, name: "Regex match", kind: "regex" },
  { id: 4, name: "Valid JSON", kind: "valid_json" },
  { id: 5, name: "Matches JSON Schema", kind: "json_schema" },
  { id: 6, name: "Levenshtein similarity", kind: "levenshtein" },
  { id: 7, name: "LLM judge", kind: "llm_judge" },
];

function initial(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const text = "text";
      const real = "double precision";
      await db.schema
        .createTable("projects")
        .addColumn("uuid", text, (c) => c.primaryKey())
        .addColumn("name", text, (c) => c.notNull().unique())
        .addColumn("created_at", text, (c) => c.notNull())
        .execute();

      let logs = db.schema
        .createTable("logs")
        .addColumn("trace_id", text, (c) => c.primaryKey())
        .addColumn("parent_trace_id", text)
        .addColumn("root_trace_id", text, (c) => c.notNull())
        .addColumn("project_uuid", text, (c) => c.notNull())
        .addColumn("project_name", text, (c) => c.notNull());
      for (const column of ["experiment_uuid", "trace_name", "end_user_identifier", "metadata"]) {
        logs = logs.addColumn(column, text);
      }
      logs = logs.addColumn("tags", text, (c) => c.notNull().defaultTo("[]"));
      for (const column of ["target", "provider", "model", "request", "output"]) logs = logs.addColumn(column, text);
      for (const column of ["input_tokens", "output_tokens", "total_tokens"]) {
        logs = logs.addColumn(column, "integer", (c) => c.notNull().defaultTo(0));
      }
      for (const column of ["cost", "latency", "time_to_first_token"]) {
        logs = logs.addColumn(column, real, (c) => c.notNull().defaultTo(0));
      }
      await logs
        .addColumn("status", text, (c) => c.notNull())
        .addColumn("error", text)
        .addColumn("cache_hit", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("scores", text, (c) => c.notNull().defaultTo("{}"))
        .addColumn("start_timestamp", text)
        .addColumn("end_timestamp", text)
        .addColumn("created_at", text, (c) => c.notNull())
        .execute();
      const logIndexes: Record<string, string[]> = {
        logs_created_idx: ["created_at", "trace_id"],
        logs_project_name_idx: ["project_name", "created_at"],
        logs_project_uuid_idx: ["project_uuid", "created_at"],
        logs_status_idx: ["status", "created_at"],
        logs_provider_model_idx: ["provider", "model", "created_at"],
        logs_model_idx: ["model", "created_at"],
        logs_end_user_idx: ["end_user_identifier", "created_at"],
        logs_experiment_idx: ["experiment_uuid", "created_at"],
        logs_parent_idx: ["parent_trace_id"],
        logs_root_idx: ["root_trace_id"],
      };
      for (const [name, columns] of Object.entries(logIndexes)) {
        await db.schema.createIndex(name).on("logs").columns(columns).execute();
      }

      await db.schema
        .createTable("log_tags")
        .addColumn("trace_id", text, (c) => c.notNull().references("logs.trace_id").onDelete("cascade"))
        .addColumn("tag", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("log_tags_pk", ["trace_id", "tag"])
        .execute();
      await db.schema.createIndex("log_tags_tag_idx").on("log_tags").columns(["tag", "trace_id"]).execute();

      await db.schema
        .createTable("cache")
        .addColumn("key", text, (c) => c.primaryKey())
        .addColumn("response", text, (c) => c.notNull())
        .addColumn("created_at", text, (c) => c.notNull())
        .addColumn("expires_at", text, (c) => c.notNull())
        .addColumn("hits", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex("cache_created_idx").on("cache").columns(["created_at", "key"]).execute();
      await db.schema.createIndex("cache_expires_idx").on("cache").column("expires_at").execute();

      await db.schema
        .createTable("prompts")
        .addColumn("name", text, (c) => c.primaryKey())
        .addColumn("created_at", text, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("deployments")
        .addColumn("id", text, (c) => c.primaryKey())
        .addColumn("prompt_name", text, (c) => c.notNull().references("prompts.name"))
        .addColumn("version_number", "integer", (c) => c.notNull())
        .addColumn("configuration", text, (c) => c.notNull())
        .addColumn("created_at", text, (c) => c.notNull())
        .addUniqueConstraint("deployments_version_unique", ["prompt_name", "version_number"])
        .execute();

      await db.schema
        .createTable("provider_keys")
        .addColumn("identity", text, (c) => c.notNull())
        .addColumn("provider", text, (c) => c.notNull())
        .addColumn("ciphertext", text, (c) => c.notNull())
        .addColumn("iv", text, (c) => c.notNull())
        .addColumn("tag", text, (c) => c.notNull())
        .addColumn("hint", text, (c) => c.notNull())
        .addColumn("created_at", text, (c) => c.notNull())
        .addPrimaryKeyConstraint("provider_keys_pk", ["identity", "provider"])
        .execute();

      await db.schema
        .createTable("eval_metrics")
        .addColumn("id", dialect === "postgres" ? "serial" : "integer", (c) =>
          dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn("name", text, (c) => c.notNull())
        .addColumn("kind", text, (c) => c.notNull())
        .addColumn("config", text, (c) => c.notNull().defaultTo("{}"))
        .addColumn("created_at", text, (c) => c.notNull())
        .execute();
      const now = new Date().toISOString();
      await (db as Kysely<Database>)
        .insertInto("eval_metrics")
        .values(SEED_METRICS.map((metric) => ({ ...metric, config: "{}", created_at: now })))
        .execute();
      const next = FIRST_CUSTOM_METRIC_ID - 1;
      if (dialect === "postgres") {
        await sql`select setval(pg_get_serial_sequence('eval_metrics', 'id'), ${sql.lit(next)})`.execute(db);
      } else {
        await sql`update sqlite_sequence set seq = ${sql.lit(next)} where name = 'eval_metrics'`.execute(db);
      }
    },
  };
}

/** Share snapshots (short links), so every app instance on one PostgreSQL serves every link. */
const snapshots: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("snapshots")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("content", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
  },
};

/**
 * Whose log a row is: the caller's identity (lib/server/auth, a hash of the credential), so GET /api/logs can be
 * scoped per identity when PLAYGROUND_API_KEYS is set. Rows written before this have none (visible when shared).
 */
const identityScope: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("logs").addColumn("identity", "text").execute();
    await db.schema.createIndex("logs_identity_idx").on("logs").columns(["identity", "created_at"]).execute();
  },
};

/**
 * Saved keys gain a base-URL scope: '' is the operator's base URL, anything else the one base URL the key may go to.
 * The primary key grows to (identity, provider, base_url); SQLite cannot alter a primary key, so the table is rebuilt.
 */
const keysBaseUrl: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("provider_keys_scoped")
      .addColumn("identity", "text", (c) => c.notNull())
      .addColumn("provider", "text", (c) => c.notNull())
      .addColumn("base_url", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("ciphertext", "text", (c) => c.notNull())
      .addColumn("iv", "text", (c) => c.notNull())
      .addColumn("tag", "text", (c) => c.notNull())
      .addColumn("hint", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("provider_keys_scope_pk", ["identity", "provider", "base_url"])
      .execute();
    await sql`insert into provider_keys_scoped (identity, provider, base_url, ciphertext, iv, tag, hint, created_at)
      select identity, provider, '', ciphertext, iv, tag, hint, created_at from provider_keys`.execute(db);
    await db.schema.dropTable("provider_keys").execute();
    await db.schema.alterTable("provider_keys_scoped").renameTo("provider_keys").execute();
  },
};

/**
 * Bounds on what callers may store, and rows for runs in flight: a snapshot's owner (the quota and rate bucket), size
 * and expiry; the instance that wrote a "running" log row, so that instance can mark it interrupted after a crash.
 */
const limits: Migration = {
  async up(db: Kysely<unknown>) {
    for (const column of ["owner", "expires_at"]) {
      await db.schema.alterTable("snapshots").addColumn(column, "text").execute();
    }
    await db.schema
      .alterTable("snapshots")
      .addColumn("bytes", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex("snapshots_owner_idx").on("snapshots").columns(["owner", "created_at"]).execute();
    await db.schema.createIndex("snapshots_expires_idx").on("snapshots").column("expires_at").execute();
    await db.schema.alterTable("logs").addColumn("instance_id", "text").execute();
    await db.schema.createIndex("logs_running_idx").on("logs").columns(["status", "instance_id"]).execute();
  },
};

/**
 * Parea's platform API: SDK spans are rows of `logs` (new columns only, so existing logs survive), updates that
 * arrive before their span wait in `log_patches`, and datasets, test cases and experiments get their own tables.
 */
function platform(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const real = "double precision";
      const serial = (table: string) =>
        db.schema
          .createTable(table)
          .addColumn("id", dialect === "postgres" ? "serial" : "integer", (c) =>
            dialect === "postgres" ? c.primaryKey() : c.primaryKey().autoIncrement(),
          );
      const textColumns = ["inputs", "children", "session_id", "evaluation_scores", "images", "configuration"];
      for (const column of [...textColumns, "feedback_name", "feedback_comment"]) {
        await db.schema.alterTable("logs").addColumn(column, "text").execute();
      }
      await db.schema.alterTable("logs").addColumn("feedback_score", real).execute();
      for (const column of ["depth", "execution_order"]) {
        await db.schema
          .alterTable("logs")
          .addColumn(column, "integer", (c) => c.notNull().defaultTo(0))
          .execute();
      }
      await db.schema
        .alterTable("logs")
        .addColumn("source", "text", (c) => c.notNull().defaultTo("completion"))
        .execute();
      await db.schema.createIndex("logs_session_idx").on("logs").columns(["session_id", "created_at"]).execute();

      await db.schema
        .createTable("log_patches")
        .addColumn("trace_id", "text", (c) => c.primaryKey())
        .addColumn("fields", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await serial("datasets")
        .addColumn("name", "text", (c) => c.notNull().unique())
        .addColumn("column_names", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_updated_at", "text", (c) => c.notNull())
        .execute();
      await serial("test_cases")
        .addColumn("dataset_id", "integer", (c) => c.notNull().references("datasets.id").onDelete("cascade"))
        .addColumn("inputs", "text", (c) => c.notNull().defaultTo("{}"))
        .addColumn("target", "text")
        .addColumn("tags", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("test_cases_dataset_idx").on("test_cases").columns(["dataset_id", "id"]).execute();

      await db.schema
        .createTable("experiments")
        .addColumn("uuid", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("run_name", "text", (c) => c.notNull())
        .addColumn("project_uuid", "text", (c) => c.notNull())
        .addColumn("metadata", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("dataset_level_stats", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .addUniqueConstraint("experiments_run_name_unique", ["name", "run_name"])
        .execute();
      await db.schema.createIndex("experiments_created_idx").on("experiments").columns(["created_at"]).execute();
    },
  };
}

export function migrationsFor(dialect: DialectName): Record<string, Migration> {
  // Names sort in the order they must run.
  return {
    "0001_initial": initial(dialect),
    "0002_snapshots": snapshots,
    "0003_identity_scope": identityScope,
    "0004_limits": limits,
    "0005_keys_base_url": keysBaseUrl,
    "0006_platform": platform(dialect),
  };
}

/**
 * Brings the schema up to date. Postgres: Kysely's migrator takes an advisory lock and runs each migration in a
 * transaction, so two app instances starting together apply it once. SQLite: Kysely's lock is in-process only, so the
 * whole run sits in one BEGIN IMMEDIATE transaction, which other processes wait on (busy_timeout).
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  const provider = { getMigrations: async () => migrationsFor(dialect) };
  if (dialect === "postgres") {
    const { error } = await new Migrator({ db, provider }).migrateToLatest();
    if (error) throw error;
    return;
  }
  await db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    const { error } = await new Migrator({ db: connection, provider }).migrateToLatest();
    if (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
    await sql`commit`.execute(connection);
  });
}
