"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text`; says "Copied" for a moment (or "Copy failed" where the clipboard is not allowed). */
export function CopyButton({ text, label = "Copy", testId }: { text: string; label?: string; testId: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <Button
      size="sm"
      variant="ghost"
      data-testid={testId}
      onClick={() =>
        navigator.clipboard.writeText(text).then(
          () => setState("copied"),
          () => setState("failed"),
        )
      }
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </Button>
  );
}
