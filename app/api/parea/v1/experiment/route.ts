export { postExperiment as POST } from "@/lib/platform/experiments";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
