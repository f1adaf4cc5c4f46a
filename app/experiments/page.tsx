import type { Metadata } from "next";
import { ExperimentsPage } from "@/components/experiments/experiments-page";

export const metadata: Metadata = { title: "Experiments · LLM Playground" };

export default function Experiments() {
  return <ExperimentsPage />;
}
