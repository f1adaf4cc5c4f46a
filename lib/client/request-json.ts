import { completionRequestSchema } from "@/lib/schema/completion-request";

export interface JsonProblem {
  message: string;
  /** JSON path of the offending value (schema problems). */
  path?: PropertyKey[];
  severity: "error" | "warning";
}

export type JsonCheck =
  | { ok: true; value: Record<string, unknown>; problems: JsonProblem[] }
  | { ok: false; problems: JsonProblem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === "number" ? `${text}[${segment}]` : text ? `${text}.${String(segment)}` : String(segment),
    "",
  );
}

/**
 * Checks the JSON editor's text the way the server will: JSON syntax, then the one request schema. `ok` means the
 * form may take it; problems (with paths) become Monaco markers and the inline list. A key typed here is refused:
 * keys belong in the keys dialog, and the editor's text is autosaved.
 */
export function checkRequestJson(text: string): JsonCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : "Invalid JSON";
    return {
      ok: false,
      problems: [{ message: `Invalid JSON: ${message}`, severity: "error" }],
    };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, problems: [{ message: "The request must be a JSON object.", path: [], severity: "error" }] };
  }
  const record = value as Record<string, unknown>;
  const problems: JsonProblem[] = [];
  if ("provider_api_key" in record) {
    problems.push({
      message: "Keys are not kept in the request: use the Keys dialog. This value is ignored and never saved.",
      path: ["provider_api_key"],
      severity: "warning",
    });
  }
  const parsed = completionRequestSchema.safeParse(record);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as PropertyKey[];
      problems.push({ message: `${formatPath(path) || "request"}: ${issue.message}`, path, severity: "error" });
    }
    return { ok: false, problems };
  }
  const { provider_api_key: _ignored, ...withoutKey } = record;
  return { ok: true, value: withoutKey, problems };
}
