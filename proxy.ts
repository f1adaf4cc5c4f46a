import { checkRequestOrigin } from "@/lib/server/host-guard";

/**
 * Runs before every route and page (Next 16's proxy, Node.js runtime): refuses a Host this server does not answer
 * to (DNS rebinding) and cross-site writes, once for the whole app. Static build assets are left out: they are the
 * same public files for everyone and hold nothing a rebinding page could use.
 */
export function proxy(request: Request): Response | undefined {
  const refusal = checkRequestOrigin(request.method, request.headers);
  if (!refusal) return undefined;
  return Response.json(
    { detail: refusal.message, error: { type: refusal.type, message: refusal.message, setting: "ALLOWED_HOSTS" } },
    { status: refusal.status, headers: { "Cache-Control": "no-store" } },
  );
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
