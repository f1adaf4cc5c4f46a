export { postCollection as POST } from "@/lib/platform/datasets";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
