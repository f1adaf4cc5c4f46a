"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { z } from "zod";
import { AutoTextarea } from "@/components/ui/auto-textarea";
import { FieldError, FieldLabel, monoInputClass } from "@/components/ui/field";

function show(value: unknown): string {
  return value === undefined ? "" : JSON.stringify(value, null, 2);
}

/**
 * Any JSON value typed as text, checked against a zod schema: the text is the user's while it is invalid, and
 * the value upstream changes only when it parses and validates. Outside changes replace the text.
 */
export function JsonField({
  label,
  value,
  schema,
  onChange,
  testId,
  hint,
  minRows = 3,
}: {
  label: string;
  value: unknown;
  schema: z.ZodType;
  onChange: (value: unknown) => void;
  testId: string;
  hint?: string;
  minRows?: number;
}) {
  const id = useId();
  const [text, setText] = useState(() => show(value));
  const [error, setError] = useState<string>();
  const lastEmitted = useRef(JSON.stringify(value ?? null));

  useEffect(() => {
    const incoming = JSON.stringify(value ?? null);
    if (incoming === lastEmitted.current) return;
    lastEmitted.current = incoming;
    setText(show(value));
    setError(undefined);
  }, [value]);

  const handle = (next: string) => {
    setText(next);
    let parsed: unknown;
    try {
      parsed = next.trim() === "" ? undefined : JSON.parse(next);
    } catch (caught) {
      return setError(caught instanceof Error ? caught.message : "Invalid JSON");
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return setError(`${issue?.path.join(".") || "value"}: ${issue?.message ?? "invalid"}`);
    }
    setError(undefined);
    lastEmitted.current = JSON.stringify(parsed ?? null);
    onChange(parsed);
  };

  return (
    <div>
      <FieldLabel htmlFor={id} hint={hint}>
        {label}
      </FieldLabel>
      <AutoTextarea
        id={id}
        data-testid={testId}
        value={text}
        spellCheck={false}
        minRows={minRows}
        maxHeight={260}
        aria-invalid={error ? true : undefined}
        className={monoInputClass}
        onChange={(event) => handle(event.target.value)}
      />
      <FieldError message={error} />
    </div>
  );
}
