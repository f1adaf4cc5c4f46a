import { checkRequestOrigin } from "@/lib/server/host-guard";

function refuse(status: number, type: string, message: string, extra: Record<string, string> = {}): Response {
  return Response.json(
    { detail: message, error: { type, message, ...extra } },
    { status, headers: { "Cache-Control": "no-store" } },
  );
}

/** Next decodes dynamic path segments itself and answers a bare 500 for a malformed one (`/api/logs/%E0%A4%A`). */
function malformedPath(url: string): boolean {
  const { pathname } = new URL(url);
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * Runs before every route and page (Next 16's proxy, Node.js runtime): refuses a Host this server does not answer
 * to (DNS rebinding) and cross-site writes, once for the whole app. Static build assets are left out: they are the
 * same public files for everyone and hold nothing a rebinding page could use.
 */
export function proxy(request: Request): Response | undefined {
  const refusal = checkRequestOrigin(request.method, request.headers);
  if (refusal) return refuse(refusal.status, refusal.type, refusal.message, { setting: "ALLOWED_HOSTS" });
  if (malformedPath(request.url)) {
    return refuse(400, "invalid_request", "The URL path has a malformed percent-encoding (e.g. %E0%A4%A).");
  }
  return undefined;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
