import { readSnapshot } from "@/lib/share/share-handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return readSnapshot(request, (await params).id);
}
