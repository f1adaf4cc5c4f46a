export { getTraceLogs as POST } from "@/lib/platform/traces";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
