"use client";

import { type TextareaHTMLAttributes, useLayoutEffect, useRef } from "react";
import { cn } from "@/lib/client/cn";
import { inputClass } from "./field";

export interface AutoTextareaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  minRows?: number;
  maxHeight?: number;
  ref?: React.Ref<HTMLTextAreaElement>;
}

/** A textarea that grows with its content up to maxHeight, then scrolls. */
export function AutoTextarea({ minRows = 1, maxHeight = 480, className, ref, value, ...props }: AutoTextareaProps) {
  const inner = useRef<HTMLTextAreaElement | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure whenever the text changes
  useLayoutEffect(() => {
    const element = inner.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight + 2, maxHeight)}px`;
    element.style.overflowY = element.scrollHeight + 2 > maxHeight ? "auto" : "hidden";
  }, [value, maxHeight]);

  return (
    <textarea
      ref={(element) => {
        inner.current = element;
        if (typeof ref === "function") ref(element);
        else if (ref) ref.current = element;
      }}
      rows={minRows}
      value={value}
      className={cn(inputClass, "resize-none leading-5", className)}
      {...props}
    />
  );
}
