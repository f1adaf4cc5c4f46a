import type { Metadata } from "next";
import { DeploymentsPage } from "@/components/deployments/deployments-page";

export const metadata: Metadata = { title: "Deployments · LLM Playground" };

export default function Deployments() {
  return <DeploymentsPage />;
}
