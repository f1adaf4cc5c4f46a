import "server-only";
import type { Dataset, TestCaseInput } from "@/lib/store";
import { notFound, parseBody, platformRoute, tooMany } from "./http";
import { createCollectionSchema, createTestCasesSchema, MAX_TEST_CASES, updateTestCaseSchema } from "./schemas";
import { asText } from "./trace-log";

type RawCase = { inputs?: Record<string, unknown> | null; target?: unknown; tags?: unknown[] | null };

/** Inputs and tags as the SDK's TestCase types them (strings); the SDK already stringifies, others may not. */
function toTestCase(raw: RawCase): TestCaseInput {
  const inputs = Object.fromEntries(Object.entries(raw.inputs ?? {}).map(([key, value]) => [key, asText(value) ?? ""]));
  return { inputs, target: asText(raw.target), tags: (raw.tags ?? []).map((tag) => asText(tag) ?? "") };
}

function casesOf(raw: RawCase[]): TestCaseInput[] {
  if (raw.length > MAX_TEST_CASES) throw tooMany("test cases", MAX_TEST_CASES);
  return raw.map(toTestCase);
}

/** A dataset as the SDK's TestCaseCollection: `test_cases` an object keyed by id. */
export function toCollection(dataset: Dataset) {
  return {
    ...dataset,
    test_cases: Object.fromEntries(dataset.test_cases.map((testCase) => [String(testCase.id), testCase])),
  };
}

export const postCollection = platformRoute("POST /collection", async ({ request, store }) => {
  const body = await parseBody(request, createCollectionSchema);
  const id = await store.createDataset({
    name: body.name,
    column_names: body.column_names ?? [],
    test_cases: casesOf(body.test_cases),
  });
  return { id, name: body.name };
});

/** The segment as the SDK named it; a stray `%` (not an escape) is kept as written instead of failing the request. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export const getCollection = platformRoute<{ identifier: string }>(
  "GET /collection/{identifier}",
  async ({ store, params }) => {
    const identifier = decodePathSegment(params.identifier);
    const dataset = identifier.length <= 200 ? await store.getDataset(identifier) : undefined;
    if (!dataset) throw notFound(`No dataset has the name or id "${identifier.slice(0, 200)}".`);
    return toCollection(dataset);
  },
);

export const postTestCases = platformRoute("POST /testcases", async ({ request, store }) => {
  const body = await parseBody(request, createTestCasesSchema);
  const id = await store.addTestCases({ id: body.id, name: body.name }, casesOf(body.test_cases));
  if (id === undefined)
    throw notFound(`No dataset has the ${body.id != null ? `id ${body.id}` : `name "${body.name}"`}.`);
  return { id, added: body.test_cases.length };
});

export const postUpdateTestCase = platformRoute<{ datasetId: string; testCaseId: string }>(
  "POST /update_test_case",
  async ({ request, store, params }) => {
    const body = await parseBody(request, updateTestCaseSchema);
    const datasetId = /^\d{1,15}$/.test(params.datasetId) ? Number(params.datasetId) : Number.NaN;
    const testCaseId = /^\d{1,15}$/.test(params.testCaseId) ? Number(params.testCaseId) : Number.NaN;
    const change = {
      inputs: body.inputs ? toTestCase({ inputs: body.inputs }).inputs : null,
      target: asText(body.target),
      tags: body.tags ? toTestCase({ tags: body.tags }).tags : null,
    };
    const updated =
      Number.isFinite(datasetId) && Number.isFinite(testCaseId)
        ? await store.updateTestCase(datasetId, testCaseId, change)
        : false;
    if (!updated)
      throw notFound(`Dataset ${params.datasetId.slice(0, 20)} has no test case ${params.testCaseId.slice(0, 20)}.`);
    return { id: testCaseId, test_case_collection_id: datasetId };
  },
);
