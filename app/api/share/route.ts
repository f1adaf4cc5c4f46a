import { createSnapshot } from "@/lib/share/share-handlers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return createSnapshot(request);
}
