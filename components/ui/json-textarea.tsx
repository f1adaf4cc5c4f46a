"use client";

import { useEffect, useId, useRef, useState } from "react";
import { AutoTextarea } from "./auto-textarea";
import { FieldError, FieldLabel, monoInputClass } from "./field";

function show(value: unknown): string {
  return value === undefined || value === null ? "" : JSON.stringify(value, null, 2);
}

export interface JsonTextareaProps {
  label: string;
  value: unknown;
  /** Called with the parsed value only when the text is valid JSON of the expected kind; undefined when emptied. */
  onChange: (value: Record<string, unknown> | undefined) => void;
  testId: string;
  placeholder?: string;
  hint?: string;
  error?: string;
  minRows?: number;
}

/**
 * A JSON object typed as text. The text is the user's own while it is invalid (nothing they type is thrown away);
 * the value upstream changes only when it parses. Outside changes (the JSON editor, a reset) replace the text.
 */
export function JsonTextarea({
  label,
  value,
  onChange,
  testId,
  placeholder,
  hint,
  error,
  minRows = 3,
}: JsonTextareaProps) {
  const id = useId();
  const [text, setText] = useState(() => show(value));
  const [syntaxError, setSyntaxError] = useState<string>();
  const lastEmitted = useRef<string>(JSON.stringify(value ?? null));

  useEffect(() => {
    const incoming = JSON.stringify(value ?? null);
    if (incoming !== lastEmitted.current) {
      lastEmitted.current = incoming;
      setText(show(value));
      setSyntaxError(undefined);
    }
  }, [value]);

  const handle = (next: string) => {
    setText(next);
    if (next.trim() === "") {
      setSyntaxError(undefined);
      lastEmitted.current = "null";
      onChange(undefined);
      return;
    }
    try {
      const parsed = JSON.parse(next) as unknown;
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        setSyntaxError("Expected a JSON object { … }");
        return;
      }
      setSyntaxError(undefined);
      lastEmitted.current = JSON.stringify(parsed);
      onChange(parsed as Record<string, unknown>);
    } catch (caught) {
      setSyntaxError(caught instanceof Error ? caught.message : "Invalid JSON");
    }
  };

  const message = syntaxError ?? error;
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
        maxHeight={320}
        placeholder={placeholder}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        className={monoInputClass}
        onChange={(event) => handle(event.target.value)}
      />
      <FieldError id={`${id}-error`} message={message} />
    </div>
  );
}
