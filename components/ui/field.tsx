import type { ReactNode } from "react";
import { cn } from "@/lib/client/cn";

export const inputClass = cn(
  "w-full rounded-md border border-zinc-200 bg-white px-2 py-1 text-[13px] text-zinc-900 shadow-xs",
  "placeholder:text-zinc-400 focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/20",
  "dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:placeholder:text-zinc-500",
  "aria-[invalid=true]:border-red-400 dark:aria-[invalid=true]:border-red-500/70",
);

export const selectClass = cn(inputClass, "h-7 py-0 pr-6");

export const monoInputClass = cn(inputClass, "font-mono text-xs leading-5");

export function FieldLabel({ htmlFor, children, hint }: { htmlFor: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="mb-1 flex items-baseline justify-between gap-2">
      <label htmlFor={htmlFor} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
        {children}
      </label>
      {hint ? <span className="text-[11px] text-zinc-400 dark:text-zinc-500">{hint}</span> : null}
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-[11px] text-red-600 dark:text-red-400">
      {message}
    </p>
  );
}

export function SectionTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-2 flex items-center justify-between gap-2">
      <h2 className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{children}</h2>
      {actions ? <div className="flex items-center gap-1">{actions}</div> : null}
    </div>
  );
}
