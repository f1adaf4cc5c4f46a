import "server-only";
import type { Kysely } from "kysely";
import { fromJson, toJson } from "./json";
import { type Database, type StoreContext, StoreInputError } from "./types";

export interface TestCaseInput {
  inputs: Record<string, string>;
  target: string | null;
  tags: string[];
}

export interface TestCase extends TestCaseInput {
  id: number;
  test_case_collection_id: number;
}

export interface Dataset {
  id: number;
  name: string;
  created_at: string;
  last_updated_at: string;
  column_names: string[];
  test_cases: TestCase[];
}

/** A name that is taken, or a dataset or test case that is not there: the route answers 409 / 404. */
export class DatasetConflictError extends StoreInputError {
  override name = "DatasetConflictError";
}

function union(current: string[], cases: TestCaseInput[], given: string[] = []): string[] {
  const names = new Set([...current, ...given]);
  for (const testCase of cases) for (const key of Object.keys(testCase.inputs)) names.add(key);
  return [...names];
}

async function insertCases(transaction: Kysely<Database>, datasetId: number, cases: TestCaseInput[], now: string) {
  if (cases.length === 0) return;
  // Chunks keep each INSERT under SQLite's and Postgres's bound-parameter limits.
  for (let index = 0; index < cases.length; index += 500) {
    await transaction
      .insertInto("test_cases")
      .values(
        cases.slice(index, index + 500).map((testCase) => ({
          dataset_id: datasetId,
          inputs: toJson(testCase.inputs),
          target: testCase.target,
          tags: toJson(testCase.tags),
          created_at: now,
        })),
      )
      .execute();
  }
}

export async function createDataset(
  context: StoreContext,
  input: { name: string; column_names: string[]; test_cases: TestCaseInput[] },
): Promise<number> {
  const now = new Date().toISOString();
  return context.db.transaction().execute(async (transaction) => {
    const inserted = await transaction
      .insertInto("datasets")
      .values({
        name: input.name,
        column_names: toJson(union([], input.test_cases, input.column_names)),
        created_at: now,
        last_updated_at: now,
      })
      .onConflict((conflict) => conflict.column("name").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) throw new DatasetConflictError(`A dataset named "${input.name}" already exists.`);
    await insertCases(transaction, inserted.id, input.test_cases, now);
    return inserted.id;
  });
}

async function findDatasetId(
  transaction: Kysely<Database>,
  reference: { id?: number | null; name?: string | null },
): Promise<{ id: number; column_names: string } | undefined> {
  let query = transaction.selectFrom("datasets").select(["id", "column_names"]);
  if (reference.id !== null && reference.id !== undefined) query = query.where("id", "=", reference.id);
  else if (reference.name) query = query.where("name", "=", reference.name);
  else return undefined;
  return query.executeTakeFirst();
}

/** Appends test cases; undefined when there is no such dataset. */
export async function addTestCases(
  context: StoreContext,
  reference: { id?: number | null; name?: string | null },
  cases: TestCaseInput[],
): Promise<number | undefined> {
  const now = new Date().toISOString();
  return context.db.transaction().execute(async (transaction) => {
    const dataset = await findDatasetId(transaction, reference);
    if (!dataset) return undefined;
    await insertCases(transaction, dataset.id, cases, now);
    await transaction
      .updateTable("datasets")
      .set({ last_updated_at: now, column_names: toJson(union(fromJson(dataset.column_names, []), cases)) })
      .where("id", "=", dataset.id)
      .execute();
    return dataset.id;
  });
}

/** Null fields stay as they are. False when the dataset has no such test case. */
export async function updateTestCase(
  context: StoreContext,
  datasetId: number,
  testCaseId: number,
  change: { inputs: Record<string, string> | null; target: string | null; tags: string[] | null },
): Promise<boolean> {
  const now = new Date().toISOString();
  return context.db.transaction().execute(async (transaction) => {
    const set: Partial<{ inputs: string; target: string; tags: string }> = {};
    if (change.inputs) set.inputs = toJson(change.inputs);
    if (change.target !== null) set.target = change.target;
    if (change.tags) set.tags = toJson(change.tags);
    const existing = await transaction
      .selectFrom("test_cases")
      .select("id")
      .where("id", "=", testCaseId)
      .where("dataset_id", "=", datasetId)
      .executeTakeFirst();
    if (!existing) return false;
    if (Object.keys(set).length > 0) {
      await transaction.updateTable("test_cases").set(set).where("id", "=", testCaseId).execute();
    }
    const dataset = await findDatasetId(transaction, { id: datasetId });
    const columns = change.inputs
      ? union(fromJson(dataset?.column_names, []), [{ inputs: change.inputs, target: null, tags: [] }])
      : fromJson<string[]>(dataset?.column_names, []);
    await transaction
      .updateTable("datasets")
      .set({ last_updated_at: now, column_names: toJson(columns) })
      .where("id", "=", datasetId)
      .execute();
    return true;
  });
}

/** By numeric id when the identifier is all digits, else by name. */
export async function getDataset(context: StoreContext, identifier: string): Promise<Dataset | undefined> {
  let query = context.db.selectFrom("datasets").selectAll();
  query = /^\d{1,15}$/.test(identifier)
    ? query.where((eb) => eb.or([eb("id", "=", Number(identifier)), eb("name", "=", identifier)]))
    : query.where("name", "=", identifier);
  const dataset = await query.orderBy("id").executeTakeFirst();
  if (!dataset) return undefined;
  const cases = await context.db
    .selectFrom("test_cases")
    .selectAll()
    .where("dataset_id", "=", dataset.id)
    .orderBy("id")
    .execute();
  return {
    id: Number(dataset.id),
    name: dataset.name,
    created_at: dataset.created_at,
    last_updated_at: dataset.last_updated_at,
    column_names: fromJson<string[]>(dataset.column_names, []),
    test_cases: cases.map((testCase) => ({
      id: Number(testCase.id),
      test_case_collection_id: Number(testCase.dataset_id),
      inputs: fromJson<Record<string, string>>(testCase.inputs, {}),
      target: testCase.target,
      tags: fromJson<string[]>(testCase.tags, []),
    })),
  };
}
