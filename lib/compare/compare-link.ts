import { type DecodedShare, decodeShareFragment, encodeShareFragment } from "@/lib/share/share-link";
import { MODEL_PARAM_FIELDS, toShareableRequest } from "@/lib/share/shareable-request";
import { type CompareColumn, type CompareState, compareColumnSchema, compareStateSchema } from "./compare-state";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The allow-list applied to a whole comparison: the shared request's, and only the known fields of each column. */
export function toShareableComparison(state: CompareState): { comparison: CompareState; dropped: string[] } {
  const { request, dropped } = toShareableRequest(state.base);
  const columns = state.columns.map((column, index) => {
    const parsed = compareColumnSchema.safeParse(column);
    const clean = (parsed.success ? parsed.data : column) as CompareColumn;
    const params = clean.own?.model_params;
    if (isRecord(params)) {
      for (const key of Object.keys(params)) {
        if ((MODEL_PARAM_FIELDS as readonly string[]).includes(key)) continue;
        delete (params as Record<string, unknown>)[key];
        dropped.push(`columns[${index}].model_params.${key}`);
      }
    }
    return JSON.parse(JSON.stringify(clean)) as CompareColumn;
  });
  return { comparison: { base: request, columns, baseline: state.baseline ?? undefined }, dropped };
}

export function encodeComparisonFragment(state: CompareState): { fragment: string; dropped: string[] } {
  const { comparison, dropped } = toShareableComparison(state);
  return { fragment: encodeShareFragment("comparison", comparison), dropped };
}

export function decodeComparisonFragment(hash: string): DecodedShare<CompareState> {
  return decodeShareFragment(
    hash,
    "comparison",
    compareStateSchema,
    (value) => toShareableComparison(value as CompareState).comparison,
  );
}
