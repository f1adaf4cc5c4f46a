export { postTraceLog as POST, putTraceLog as PUT } from "@/lib/platform/traces";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
