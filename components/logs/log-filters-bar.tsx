"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass, selectClass } from "@/components/ui/field";
import { cn } from "@/lib/client/cn";
import { PROVIDER_IDS } from "@/lib/schema/providers";
import { EMPTY_FILTERS, hasFilters, type LogFilterState, RANGES, type TextFilter } from "./log-url-filters";

const TEXT_FIELDS: { name: Exclude<TextFilter, "search" | "provider">; label: string; placeholder: string }[] = [
  { name: "project", label: "Project", placeholder: "default" },
  { name: "tags", label: "Tags", placeholder: "a,b (any of)" },
  { name: "model", label: "Model", placeholder: "gpt-4o-mini" },
  { name: "end_user", label: "End user", placeholder: "user id" },
  { name: "experiment", label: "Experiment", placeholder: "experiment uuid" },
];

const RANGE_LABELS: Record<keyof typeof RANGES, string> = {
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
};

const testId = (name: string) => `log-filter-${name.replace(/_/g, "-")}`;

/**
 * Text filters apply on Enter or when the field loses focus (not on every key: each change is a URL change and a
 * query); selects apply at once. The parent owns the state (the URL); this keeps only what is being typed.
 */
export function LogFiltersBar({
  value,
  onChange,
}: {
  value: LogFilterState;
  onChange: (next: LogFilterState) => void;
}) {
  const [typing, setTyping] = useState<Partial<LogFilterState>>({});
  const shown = (name: keyof LogFilterState) => typing[name] ?? value[name];
  const commit = (name: keyof LogFilterState, text: string) => {
    setTyping((current) => {
      const { [name]: _dropped, ...rest } = current;
      return rest;
    });
    if (text.trim() !== value[name]) onChange({ ...value, [name]: text.trim() });
  };
  const textProps = (name: keyof LogFilterState) => ({
    value: shown(name),
    "data-testid": testId(name),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setTyping({ ...typing, [name]: event.target.value }),
    onBlur: (event: React.FocusEvent<HTMLInputElement>) => commit(name, event.target.value),
    onKeyDown: (event: React.KeyboardEvent<HTMLInputElement>) => {
      if (event.key === "Enter") commit(name, event.currentTarget.value);
    },
  });

  return (
    <div className="space-y-2" data-testid="log-filters">
      <div className="grid grid-cols-1 items-center gap-2 sm:grid-cols-[minmax(0,1fr)_8rem_10rem_11rem_auto]">
        <input
          {...textProps("search")}
          type="search"
          aria-label="Search the input, output and trace name"
          placeholder="Search input, output, trace name… (Enter)"
          className={cn(inputClass, "h-7")}
        />
        <select
          aria-label="Status"
          data-testid={testId("status")}
          className={selectClass}
          value={value.status}
          onChange={(event) => onChange({ ...value, status: event.target.value as LogFilterState["status"] })}
        >
          <option value="">Any status</option>
          <option value="success">Success</option>
          <option value="error">Error</option>
          <option value="running">Running</option>
          <option value="interrupted">Interrupted</option>
        </select>
        <select
          aria-label="Provider"
          data-testid={testId("provider")}
          className={selectClass}
          value={value.provider}
          onChange={(event) => onChange({ ...value, provider: event.target.value })}
        >
          <option value="">Any provider</option>
          {PROVIDER_IDS.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
        <select
          aria-label="Time range"
          data-testid={testId("range")}
          className={selectClass}
          value={value.range}
          onChange={(event) => onChange({ ...value, range: event.target.value as LogFilterState["range"] })}
        >
          <option value="">All time / custom</option>
          {(Object.keys(RANGES) as (keyof typeof RANGES)[]).map((range) => (
            <option key={range} value={range}>
              {RANGE_LABELS[range]}
            </option>
          ))}
        </select>
        {hasFilters(value) ? (
          <Button size="sm" variant="ghost" data-testid="log-filters-clear" onClick={() => onChange(EMPTY_FILTERS)}>
            Clear filters
          </Button>
        ) : null}
      </div>
      <div className="grid grid-cols-2 gap-2 md:grid-cols-4 xl:grid-cols-7">
        {TEXT_FIELDS.map((field) => (
          <label key={field.name} className="text-[11px] text-zinc-500 dark:text-zinc-400">
            {field.label}
            <input
              {...textProps(field.name)}
              placeholder={field.placeholder}
              className={cn(inputClass, "mt-0.5 h-7")}
            />
          </label>
        ))}
        {value.range === ""
          ? (["from", "to"] as const).map((name) => (
              <label key={name} className="text-[11px] text-zinc-500 dark:text-zinc-400">
                {name === "from" ? "From" : "To"}
                <input
                  type="datetime-local"
                  data-testid={testId(name)}
                  value={toLocalInput(value[name])}
                  onChange={(event) => onChange({ ...value, [name]: event.target.value })}
                  className={cn(inputClass, "mt-0.5 h-7")}
                />
              </label>
            ))
          : null}
      </div>
    </div>
  );
}

/** A datetime-local input wants `YYYY-MM-DDTHH:mm` in local time; the URL may hold that or an ISO string. */
function toLocalInput(value: string): string {
  if (!value || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
