import { handleCompletion } from "@/lib/completion/handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleCompletion(request, "stream");
}
