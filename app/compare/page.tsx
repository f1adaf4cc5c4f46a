import type { Metadata } from "next";
import { ComparePage } from "@/components/compare/compare-page";

export const metadata: Metadata = { title: "Compare · LLM Playground" };

export default function Compare() {
  return <ComparePage />;
}
