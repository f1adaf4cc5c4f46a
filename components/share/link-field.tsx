"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { CopyIcon } from "@/components/ui/icons";
import { cn } from "@/lib/client/cn";
import { copyText } from "@/lib/client/short-link";

/** A read-only URL with a Copy button; when the clipboard is refused the text is selected for Ctrl+C. */
export function LinkField({ url, testId, label }: { url: string; testId: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "no">();
  return (
    <div className="flex items-center gap-2">
      <input
        readOnly
        aria-label={label}
        data-testid={testId}
        value={url}
        onFocus={(event) => event.target.select()}
        className={cn(inputClass, "h-8 font-mono text-xs")}
      />
      <Button
        data-testid={`${testId}-copy`}
        onClick={async (event) => {
          const ok = await copyText(url);
          setCopied(ok ? "yes" : "no");
          if (!ok) (event.currentTarget.previousElementSibling as HTMLInputElement | null)?.select();
          setTimeout(() => setCopied(undefined), 1500);
        }}
      >
        <CopyIcon /> {copied === "yes" ? "Copied" : copied === "no" ? "Press Ctrl+C" : "Copy"}
      </Button>
    </div>
  );
}
