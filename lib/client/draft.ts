import type { CompletionRequestInput } from "@/lib/schema/completion-request";

/**
 * The request being composed: the whole Parea request as JSON (known fields and any unknown ones the user typed in
 * the JSON editor). The form edits it in place; the JSON editor shows it; autosave stores it. It NEVER holds
 * provider_api_key: keys live in the key store and are injected at send time.
 */
export type RequestDraft = CompletionRequestInput;

export const DEFAULT_PROVIDER = "local";
export const DEFAULT_MODEL = "stories260K.gguf";

/** A newcomer without a key can press Run: the bundled TinyStories model continues "Once upon a time". */
export function defaultDraft(): RequestDraft {
  return {
    llm_configuration: {
      provider: DEFAULT_PROVIDER,
      model: DEFAULT_MODEL,
      messages: [{ role: "user", content: "Once upon a time" }],
      model_params: { temp: 1, max_length: 64 },
    },
    project_name: "default",
    // A playground re-runs a request to see another sample: serving it from the cache would hide that.
    cache: false,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON-clean copy (undefined dropped) without the key: what the editor, the autosave and the export see. */
export function publicDraft(value: unknown): RequestDraft {
  const clean = JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>;
  delete clean.provider_api_key;
  // The form's function list starts as []: an empty list means "no tools", which is saying nothing at all
  // (and some providers reject an empty tools array).
  const configuration = clean.llm_configuration as Record<string, unknown> | undefined;
  if (isRecord(configuration) && Array.isArray(configuration.functions) && configuration.functions.length === 0) {
    delete configuration.functions;
  }
  return clean as RequestDraft;
}

export function draftToJson(value: unknown): string {
  return JSON.stringify(publicDraft(value), null, 2);
}

/** Key-order-independent JSON, to tell whether the editor's text already says what the form holds. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => stableStringify(item ?? null)).join(",")}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify(value[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sameDraft(a: unknown, b: unknown): boolean {
  return stableStringify(publicDraft(a)) === stableStringify(publicDraft(b));
}
