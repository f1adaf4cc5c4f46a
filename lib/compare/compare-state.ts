import { z } from "zod";
import {
  completionRequestSchema,
  functionCallSchema,
  functionSchema,
  llmConfigurationSchema,
  messageSchema,
  modelParamsSchema,
} from "@/lib/schema/completion-request";

/**
 * A comparison: one shared request (the playground draft) and 2–12 columns. A column has its own provider, model
 * and parameters; messages, functions and inputs come from the shared request unless the column stops syncing that
 * part and keeps its own copy. Isomorphic: the compare page, its share links and the snapshot route validate with it.
 */

export const SYNC_PARTS = ["messages", "functions", "inputs", "params"] as const;
export type SyncPart = (typeof SYNC_PARTS)[number];

export const MIN_COLUMNS = 2;
export const MAX_COLUMNS = 12;
export const MAX_REPEAT = 10;

export const compareColumnSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  provider: llmConfigurationSchema.shape.provider,
  model: llmConfigurationSchema.shape.model,
  base_url: llmConfigurationSchema.shape.base_url,
  repeat: z.number().int().min(1).max(MAX_REPEAT).default(1).describe("Runs per Run all, to see the spread."),
  sync: z.object({ messages: z.boolean(), functions: z.boolean(), inputs: z.boolean(), params: z.boolean() }),
  own: z
    .object({
      messages: z.array(messageSchema).nullish(),
      functions: z.array(functionSchema).nullish(),
      function_call: functionCallSchema.nullish(),
      llm_inputs: z.record(z.string(), z.unknown()).nullish(),
      model_params: modelParamsSchema.nullish(),
    })
    .default({}),
});

export const compareStateSchema = z.object({
  base: completionRequestSchema,
  columns: z.array(compareColumnSchema).min(MIN_COLUMNS).max(MAX_COLUMNS),
  baseline: z.string().nullish().describe("The id of the column the others are diffed against."),
});

export type CompareColumn = z.input<typeof compareColumnSchema>;
export type CompareState = z.input<typeof compareStateSchema>;
export type RequestShape = z.input<typeof completionRequestSchema>;

type Record_ = Record<string, unknown>;

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function newColumnId(): string {
  return `col-${Math.random().toString(36).slice(2, 10)}`;
}

/** A column running the draft's own model; messages, functions and inputs synced, parameters its own copy. */
export function columnFromDraft(draft: RequestShape, id = newColumnId()): CompareColumn {
  const configuration = draft.llm_configuration ?? {};
  return {
    id,
    provider: configuration.provider ?? undefined,
    model: configuration.model ?? undefined,
    base_url: configuration.base_url ?? undefined,
    repeat: 1,
    sync: { messages: true, functions: true, inputs: true, params: false },
    own: { model_params: clone(configuration.model_params ?? {}) },
  };
}

export function initialCompareState(draft: RequestShape): CompareState {
  const first = columnFromDraft(draft);
  return { base: draft, columns: [first, columnFromDraft(draft)], baseline: first.id };
}

/** The value a part has in the shared request. */
export function sharedPart(base: RequestShape, part: SyncPart): Record_ {
  const configuration = base.llm_configuration ?? {};
  switch (part) {
    case "messages":
      return { messages: configuration.messages ?? [] };
    case "functions":
      return {
        functions: configuration.functions ?? undefined,
        function_call: configuration.function_call ?? undefined,
      };
    case "inputs":
      return { llm_inputs: base.llm_inputs ?? base.inputs ?? undefined };
    case "params":
      return { model_params: configuration.model_params ?? {} };
  }
}

/** Stops syncing `part`: the column starts from a copy of the shared value, then edits its own. */
export function setSync(column: CompareColumn, part: SyncPart, synced: boolean, base: RequestShape): CompareColumn {
  const own = { ...(column.own ?? {}) } as Record_;
  const shared = sharedPart(base, part);
  for (const key of Object.keys(shared)) {
    if (synced) delete own[key];
    else if (!synced && own[key] === undefined) own[key] = clone(shared[key]);
  }
  return { ...column, sync: { ...column.sync, [part]: synced }, own: own as CompareColumn["own"] };
}

/** The full request a column sends (no key: that is added at send time). */
export function columnRequest(base: RequestShape, column: CompareColumn): RequestShape {
  const { sync } = column;
  const own = (column.own ?? {}) as Record_;
  const request = clone(base) as Record_;
  const configuration = { ...((request.llm_configuration as Record_ | undefined) ?? {}) };
  configuration.provider = column.provider ?? undefined;
  configuration.model = column.model ?? undefined;
  configuration.base_url = column.base_url || undefined;
  if (!sync.messages) configuration.messages = clone(own.messages ?? []);
  if (!sync.functions) {
    configuration.functions = clone(own.functions ?? undefined);
    configuration.function_call = clone(own.function_call ?? undefined);
  }
  if (!sync.params) configuration.model_params = clone(own.model_params ?? {});
  if (!sync.inputs) {
    request.llm_inputs = clone(own.llm_inputs ?? undefined);
    delete request.inputs;
  }
  request.llm_configuration = configuration;
  // Repeats are there to see how much a model varies: a cached answer would hide exactly that.
  if ((column.repeat ?? 1) > 1) request.cache = false;
  return JSON.parse(JSON.stringify(request)) as RequestShape;
}

/** A short label: `openai/gpt-4o-mini`. */
export function columnLabel(column: CompareColumn): string {
  return `${column.provider ?? "?"}/${column.model ?? "?"}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** A column that runs `request` (from the history): parts that differ from the shared request become its own. */
export function columnFromRequest(base: RequestShape, request: RequestShape): CompareColumn {
  let column = columnFromDraft(request);
  for (const part of ["messages", "functions", "inputs"] as const) {
    const own = sharedPart(request, part);
    if (sameValue(sharedPart(base, part), own)) continue;
    column = { ...column, sync: { ...column.sync, [part]: false }, own: { ...column.own, ...clone(own) } };
  }
  return column;
}
