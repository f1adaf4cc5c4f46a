export { postFeedback as POST } from "@/lib/platform/feedback";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";
