/**
 * The /logs page keeps its filters in its own URL (shareable, back/forward work) under the API's parameter names,
 * plus `range` (a preset: last hour, day, week, month) which becomes `from` when the API is asked.
 */
import type { LogStatus } from "./types";

const LOG_STATUSES: readonly LogStatus[] = ["success", "error", "running", "interrupted"];

export const TEXT_FILTERS = ["project", "tags", "provider", "model", "end_user", "experiment", "search"] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];

export const RANGES = { "1h": 3_600_000, "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type RangeName = keyof typeof RANGES;

export interface LogFilterState {
  project: string;
  tags: string;
  provider: string;
  model: string;
  end_user: string;
  experiment: string;
  search: string;
  status: "" | LogStatus;
  range: "" | RangeName;
  /** datetime-local values or ISO strings; used when no range is chosen. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: LogFilterState = {
  project: "",
  tags: "",
  provider: "",
  model: "",
  end_user: "",
  experiment: "",
  search: "",
  status: "",
  range: "",
  from: "",
  to: "",
};

const FIELDS = Object.keys(EMPTY_FILTERS) as (keyof LogFilterState)[];

export function filtersFromParams(params: URLSearchParams): LogFilterState {
  const state = { ...EMPTY_FILTERS };
  for (const field of FIELDS) (state as Record<string, string>)[field] = params.get(field) ?? "";
  if (!(LOG_STATUSES as readonly string[]).includes(state.status)) state.status = "";
  if (!(state.range in RANGES)) state.range = "";
  return state;
}

/** The page URL's query: only the filters that say something, in a stable order. */
export function filtersToParams(state: LogFilterState): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = state[field].trim();
    if (value) params.set(field, value);
  }
  return params;
}

function toIso(value: string): string | undefined {
  if (!value) return undefined;
  const time = new Date(value).getTime();
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The API's query for these filters; `now` fixes "the last 24 h" to one instant so the query key stays stable. */
export function apiParams(state: LogFilterState, now: number): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of [...TEXT_FILTERS, "status"] as const) {
    const value = state[field].trim();
    if (value) params.set(field, value);
  }
  const from = state.range ? new Date(now - RANGES[state.range]).toISOString() : toIso(state.from);
  const to = state.range ? undefined : toIso(state.to);
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  return params;
}

/** Hourly points up to a day, daily beyond: a week by the hour is 168 bars, too thin to read. */
export function bucketFor(state: LogFilterState): "hour" | "day" {
  if (state.range === "7d" || state.range === "30d") return "day";
  if (state.range) return "hour";
  const from = toIso(state.from);
  const to = toIso(state.to) ?? new Date().toISOString();
  if (from && Date.parse(to) - Date.parse(from) > 2 * 86_400_000) return "day";
  return "hour";
}

export function hasFilters(state: LogFilterState): boolean {
  return FIELDS.some((field) => state[field] !== "");
}
