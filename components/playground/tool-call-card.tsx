"use client";

import { useId } from "react";
import { AutoTextarea } from "@/components/ui/auto-textarea";
import { ToolIcon } from "@/components/ui/icons";
import type { ToolCallView } from "@/lib/client/run-types";
import { parseArguments, prettyArguments } from "@/lib/client/tool-calls";
import type { FunctionDefinition } from "@/lib/schema/completion-request";

function schemaProperties(definition: FunctionDefinition | undefined): string[] {
  const properties = (definition?.parameters as { properties?: unknown } | undefined)?.properties;
  return properties && typeof properties === "object" ? Object.keys(properties) : [];
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** One tool call: its name, its arguments (as the function's fields when its schema is known) and a result box. */
export function ToolCallCard({
  call,
  definition,
  streaming,
  result,
  onResultChange,
}: {
  call: ToolCallView;
  definition: FunctionDefinition | undefined;
  streaming: boolean;
  result: string;
  onResultChange: (value: string) => void;
}) {
  const id = useId();
  const parsed = parseArguments(call.arguments);
  const fields = schemaProperties(definition);
  const args = parsed.value;
  const asFields = !streaming && args !== undefined && fields.length > 0;

  return (
    <div
      data-testid={`tool-call-${call.index}`}
      className="overflow-hidden rounded-lg border border-amber-200 bg-amber-50/40 dark:border-amber-500/20 dark:bg-amber-500/5"
    >
      <div className="flex items-center gap-2 border-b border-amber-200/70 px-3 py-1.5 dark:border-amber-500/20">
        <ToolIcon className="text-amber-600 dark:text-amber-400" />
        <span className="font-mono text-xs font-semibold" data-testid={`tool-call-name-${call.index}`}>
          {call.name || "…"}
        </span>
        <span className="truncate font-mono text-[10px] text-zinc-400">{call.id}</span>
        {streaming ? <span className="ml-auto text-[10px] text-amber-600">receiving…</span> : null}
      </div>
      <div className="px-3 py-2" data-testid={`tool-call-arguments-${call.index}`}>
        {asFields ? (
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
            {[...new Set([...fields, ...Object.keys(args)])].map((name) => (
              <div key={name} className="contents">
                <dt className="font-mono text-zinc-500 dark:text-zinc-400">{name}</dt>
                <dd className="font-mono break-all">
                  {name in args ? show(args[name]) : <span className="text-zinc-400">not given</span>}
                </dd>
              </div>
            ))}
          </dl>
        ) : (
          <pre className="overflow-x-auto font-mono text-xs whitespace-pre-wrap">
            {prettyArguments(call.arguments) || "{}"}
          </pre>
        )}
      </div>
      {!streaming ? (
        <div className="border-t border-amber-200/70 px-3 py-2 dark:border-amber-500/20">
          <label htmlFor={id} className="mb-1 block text-[11px] font-medium text-zinc-600 dark:text-zinc-400">
            Result of {call.name || "the call"} (text or JSON)
          </label>
          <AutoTextarea
            id={id}
            data-testid={`tool-result-input-${call.index}`}
            value={result}
            onChange={(event) => onResultChange(event.target.value)}
            placeholder='{"temperature": 22, "unit": "celsius"}'
            className="font-mono text-xs"
            maxHeight={200}
          />
        </div>
      ) : null}
    </div>
  );
}
