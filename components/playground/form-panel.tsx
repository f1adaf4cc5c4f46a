"use client";

import type { ReactNode } from "react";
import { ChevronIcon } from "@/components/ui/icons";
import { AdvancedFields } from "./advanced-fields";
import { FunctionsEditor } from "./functions-editor";
import { MessagesEditor } from "./messages-editor";
import { ModelParams } from "./model-params";
import { ModelPicker } from "./model-picker";
import { TemplateInputs } from "./template-inputs";

function Disclosure({
  title,
  testId,
  defaultOpen,
  children,
}: {
  title: string;
  testId: string;
  defaultOpen?: boolean;
  children: ReactNode;
}) {
  return (
    <details open={defaultOpen} className="group/details" data-testid={`${testId}-section`}>
      <summary
        data-testid={`${testId}-toggle`}
        className="flex cursor-pointer list-none items-center gap-1.5 py-1 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase select-none hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200 [&::-webkit-details-marker]:hidden"
      >
        <ChevronIcon className="transition-transform group-open/details:rotate-90" width={12} height={12} />
        {title}
      </summary>
      <div className="pt-2">{children}</div>
    </details>
  );
}

/** The request as a form: model, messages, variables, parameters, functions, then the logging fields. */
export function FormPanel({ onOpenKeys }: { onOpenKeys: (provider: string) => void }) {
  return (
    <form
      aria-label="Request"
      data-testid="request-form"
      className="space-y-5 px-4 py-4"
      onSubmit={(event) => event.preventDefault()}
      noValidate
    >
      <ModelPicker onOpenKeys={onOpenKeys} />
      <MessagesEditor />
      <TemplateInputs />
      <Disclosure title="Parameters" testId="parameters" defaultOpen>
        <ModelParams />
      </Disclosure>
      <Disclosure title="Functions" testId="functions" defaultOpen>
        <FunctionsEditor />
      </Disclosure>
      <Disclosure title="Advanced" testId="advanced">
        <AdvancedFields />
      </Disclosure>
    </form>
  );
}
