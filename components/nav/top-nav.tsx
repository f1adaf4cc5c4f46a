"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/client/cn";

const LINKS = [
  { href: "/", label: "Playground", testId: "nav-playground" },
  { href: "/compare", label: "Compare", testId: "nav-compare" },
  { href: "/logs", label: "Logs", testId: "nav-logs" },
  { href: "/deployments", label: "Deployments", testId: "nav-deployments" },
  { href: "/experiments", label: "Experiments", testId: "nav-experiments" },
] as const;

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/** Client-side navigation throughout: keys held in this tab's memory (not remembered) survive a page change. */
export function TopNav({ className }: { className?: string }) {
  const pathname = usePathname() ?? "/";
  return (
    <nav aria-label="Main" className={cn("flex items-center gap-0.5", className)} data-testid="top-nav">
      {LINKS.map((link) => {
        const active = isActive(pathname, link.href);
        const linkClass = cn(
          "rounded-md px-2 py-1 text-xs font-medium transition-colors",
          active
            ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
            : "text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
        );
        return (
          <Link
            key={link.href}
            href={link.href}
            data-testid={link.testId}
            aria-current={active ? "page" : undefined}
            className={linkClass}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
