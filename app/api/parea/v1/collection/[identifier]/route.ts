export { getCollection as GET } from "@/lib/platform/datasets";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
