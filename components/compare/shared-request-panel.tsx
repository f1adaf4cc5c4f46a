"use client";

import Link from "next/link";
import type { RequestShape } from "@/lib/compare/compare-state";
import { completionRequestSchema } from "@/lib/schema/completion-request";
import { JsonField } from "./json-field";

/**
 * The request every column shares unless it stops syncing a part: the playground's draft. Edited here as JSON, or
 * in the playground's form (the change shows on both sides: they save the same draft).
 */
export function SharedRequestPanel({ base, onChange }: { base: RequestShape; onChange: (base: RequestShape) => void }) {
  const configuration = base.llm_configuration ?? {};
  const inputs = Object.keys(base.llm_inputs ?? base.inputs ?? {});
  return (
    <details
      className="mx-3 mt-3 rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-800"
      data-testid="compare-shared"
    >
      <summary className="cursor-pointer text-xs select-none">
        <span className="font-semibold">Shared request</span>{" "}
        <span className="text-zinc-500" data-testid="compare-shared-summary">
          {configuration.messages?.length ?? 0} message(s) · {configuration.functions?.length ?? 0} function(s)
          {inputs.length > 0 ? ` · inputs: ${inputs.join(", ")}` : ""} — the playground draft
        </span>
      </summary>
      <div className="mt-2 space-y-2">
        <JsonField
          label="Request (JSON)"
          value={base}
          schema={completionRequestSchema}
          onChange={(value) => onChange(value as RequestShape)}
          testId="compare-shared-json"
          minRows={6}
        />
        <Link href="/" className="text-xs text-blue-600 underline dark:text-blue-400">
          Edit it in the playground's form
        </Link>
      </div>
    </details>
  );
}
