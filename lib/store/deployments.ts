import "server-only";
import { randomBytes } from "node:crypto";
import { stripSecrets } from "@/lib/share/strip-secrets";
import { fromJson, toJson } from "./json";
import type { Deployment, DeploymentConfiguration, DeploymentsTable, PromptWithVersions, StoreContext } from "./types";
import { StoreInputError } from "./types";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/** `p-` + 21 url-safe characters (nanoid's size: ~126 bits). 64 symbols divide 256, so `byte & 63` has no bias. */
export function newDeploymentId(): string {
  let id = "p-";
  for (const byte of randomBytes(21)) id += ALPHABET[byte & 63];
  return id;
}

function toDeployment(row: DeploymentsTable): Deployment {
  return {
    ...row,
    version_number: Number(row.version_number),
    // Stripped on the way out too: rows stored before secrets were stripped on the way in.
    configuration: stripSecrets(fromJson<DeploymentConfiguration>(row.configuration, {})),
  };
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // 23505: Postgres unique_violation; SQLite names the constraint kind.
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/**
 * Deploys a new immutable version of the named prompt (1, 2, ...). Two concurrent deploys of one name may read the
 * same latest version; the unique (prompt_name, version_number) constraint rejects one and it retries.
 */
export async function deploy(
  context: StoreContext,
  name: string,
  configuration: DeploymentConfiguration,
): Promise<Deployment> {
  const promptName = name.trim();
  if (promptName === "") throw new StoreInputError("a deployment needs a prompt name");
  for (let attempt = 1; ; attempt++) {
    try {
      return await context.db.transaction().execute(async (transaction) => {
        const now = new Date().toISOString();
        await transaction
          .insertInto("prompts")
          .values({ name: promptName, created_at: now })
          .onConflict((conflict) => conflict.column("name").doNothing())
          .execute();
        const latest = await transaction
          .selectFrom("deployments")
          .select((eb) => eb.fn.max("version_number").as("version"))
          .where("prompt_name", "=", promptName)
          .executeTakeFirst();
        const row: DeploymentsTable = {
          id: newDeploymentId(),
          prompt_name: promptName,
          version_number: Number(latest?.version ?? 0) + 1,
          // Anyone with the id reads it: no secret-named field is stored, at any depth.
          configuration: toJson(stripSecrets(configuration)),
          created_at: now,
        };
        await transaction.insertInto("deployments").values(row).execute();
        return toDeployment(row);
      });
    } catch (error) {
      if (attempt >= 10 || !isUniqueViolation(error)) throw error;
    }
  }
}

export async function getDeployment(context: StoreContext, id: string): Promise<Deployment | undefined> {
  const row = await context.db.selectFrom("deployments").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toDeployment(row) : undefined;
}

/** Every prompt with its versions, newest version first; prompts by name. */
export async function listPrompts(context: StoreContext): Promise<PromptWithVersions[]> {
  const prompts = await context.db.selectFrom("prompts").selectAll().orderBy("name").execute();
  const rows = await context.db
    .selectFrom("deployments")
    .selectAll()
    .orderBy("prompt_name")
    .orderBy("version_number", "desc")
    .execute();
  const versions = new Map<string, Deployment[]>();
  for (const row of rows) {
    const list = versions.get(row.prompt_name) ?? [];
    list.push(toDeployment(row));
    versions.set(row.prompt_name, list);
  }
  return prompts.map((prompt) => ({ ...prompt, versions: versions.get(prompt.name) ?? [] }));
}
