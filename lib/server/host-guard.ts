import { isIP } from "node:net";

/**
 * DNS rebinding and cross-site writes, refused before any route runs (proxy.ts calls this for every request).
 *
 * Rebinding: a web page on evil.example re-resolves its own name to 127.0.0.1 and then talks to this server "same
 * origin": the browser sends `Host: evil.example`. So only Host names that no outsider controls are answered:
 * - IP literals (no DNS, nothing to rebind) and loopback names (`localhost`, `*.localhost`: browsers resolve them
 *   to loopback themselves, never through DNS);
 * - the bind address (PLAYGROUND_BIND_HOST, exported by scripts/start.mjs from -H/HOST);
 * - the operator's public names, ALLOWED_HOSTS (comma-separated host names or origins; `*.example.com` matches
 *   subdomains).
 * The port is not compared: a rebinding page uses ours anyway.
 *
 * Cross-site writes: a state-changing method (POST, PUT, PATCH, DELETE) with `Sec-Fetch-Site: cross-site`, or an
 * Origin that is neither this request's own Host nor an allowed name, is a 403. Requests without Origin (curl,
 * Parea's SDKs, server-to-server) pass: only browsers send Origin, and they always do on these methods.
 */
export type GuardRefusal = { status: 421 | 403; type: "host_not_allowed" | "cross_site_request"; message: string };

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The host name of a Host header or an origin, lower-cased, without brackets, port or trailing dot. */
export function hostnameOf(hostOrOrigin: string): string | undefined {
  try {
    const url = new URL(hostOrOrigin.includes("://") ? hostOrOrigin : `http://${hostOrOrigin}`);
    // A Host header is just host[:port]; anything with a path, user info or query is not one.
    if (!hostOrOrigin.includes("://") && (url.pathname !== "/" || url.username || url.search || url.hash)) {
      return undefined;
    }
    return (
      url.hostname
        .replace(/^\[|\]$/g, "")
        .replace(/\.$/, "")
        .toLowerCase() || undefined
    );
  } catch {
    return undefined;
  }
}

function configuredNames(withBindHost = true): string[] {
  const names = (process.env.ALLOWED_HOSTS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => (entry.startsWith("*.") ? `*.${hostnameOf(entry.slice(2)) ?? ""}` : (hostnameOf(entry) ?? "")));
  const bind = withBindHost ? hostnameOf(process.env.PLAYGROUND_BIND_HOST?.trim() || "") : undefined;
  return [...names, ...(bind ? [bind] : [])].filter((name) => name !== "" && name !== "*.");
}

function isConfigured(hostname: string, names: string[]): boolean {
  return names.some((name) =>
    name.startsWith("*.") ? hostname.endsWith(name.slice(1)) && hostname.length > name.length - 1 : hostname === name,
  );
}

/** True for a Host name this server answers: an IP literal, a loopback name, the bind host, or ALLOWED_HOSTS. */
export function isAllowedHostname(hostname: string): boolean {
  if (isIP(hostname) !== 0) return true;
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return true;
  return isConfigured(hostname, configuredNames());
}

function printable(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, "?").slice(0, 100);
}

/** Undefined when the request may go on; otherwise the status and message of the refusal. */
export function checkRequestOrigin(method: string, headers: Headers): GuardRefusal | undefined {
  const host = headers.get("host");
  // HTTP/1.1 clients always send Host (Node answers 400 otherwise); browsers always do. Nothing to rebind without it.
  if (host !== null) {
    const hostname = hostnameOf(host);
    if (!hostname || !isAllowedHostname(hostname)) {
      return {
        status: 421,
        type: "host_not_allowed",
        message:
          `This server does not answer to the host "${printable(host)}" (a guard against DNS rebinding). ` +
          "If that is its public name, add it to ALLOWED_HOSTS (comma-separated host names).",
      };
    }
  }
  if (!STATE_CHANGING.has(method.toUpperCase())) return undefined;
  if (headers.get("sec-fetch-site")?.toLowerCase() === "cross-site") return crossSite("Sec-Fetch-Site: cross-site");
  const origin = headers.get("origin");
  if (origin === null) return undefined;
  const originHost = origin.includes("://") ? safeHost(origin) : undefined;
  const sameOrigin = originHost !== undefined && host !== null && originHost === host.toLowerCase();
  const originName = hostnameOf(origin);
  // Only the operator's names: a page served from any IP, or another port of the bind host, may not write to us.
  const allowed =
    originName !== undefined && origin.includes("://") && isConfigured(originName, configuredNames(false));
  if (!sameOrigin && !allowed) return crossSite(`Origin ${printable(origin)}`);
  return undefined;
}

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

function crossSite(what: string): GuardRefusal {
  return {
    status: 403,
    type: "cross_site_request",
    message:
      `Refused a cross-site write (${what}): pages on other sites may not change this server's state. ` +
      "If the page is yours, add its host to ALLOWED_HOSTS.",
  };
}
