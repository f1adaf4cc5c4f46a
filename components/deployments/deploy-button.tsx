"use client";

import { useState } from "react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/components/ui/button";
import type { RequestDraft } from "@/lib/client/draft";
import { DeployDialog } from "./deploy-dialog";

/** The playground header's "Deploy": reads the request from the playground's form (it renders inside its provider). */
export function DeployButton() {
  const form = useFormContext<RequestDraft>();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        data-testid="deploy-button"
        title="Save this request as a named, versioned prompt"
        onClick={() => setOpen(true)}
      >
        Deploy
      </Button>
      <DeployDialog open={open} onClose={() => setOpen(false)} getDraft={() => form.getValues()} />
    </>
  );
}
