// GET /trace_log/{trace_id} (a tree) and POST /trace_log/{vendor} (LangChain) share the dynamic segment.
export { getTraceLog as GET, postVendorTraceLog as POST } from "@/lib/platform/traces";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
