import type { Metadata } from "next";
import { Suspense } from "react";
import { LogsPage } from "@/components/logs/logs-page";

export const metadata: Metadata = { title: "Logs · LLM Playground" };

export default function Logs() {
  // The filters live in the query string (useSearchParams), which needs a Suspense boundary in a static page.
  return (
    <Suspense>
      <LogsPage />
    </Suspense>
  );
}
