import type { Metadata } from "next";
import { LogDetailPage } from "@/components/logs/log-detail-page";

export const metadata: Metadata = { title: "Log · LLM Playground" };

export default async function Log({ params }: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await params;
  return <LogDetailPage traceId={safeDecode(traceId)} />;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
