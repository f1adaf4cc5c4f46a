import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { CompletionError } from "@/lib/completion/errors";

/**
 * A user-given base URL makes our server fetch an address the user chose: an SSRF door into the operator's network
 * (cloud metadata at 169.254.169.254, databases on 10.x, admin panels on localhost). BASE_URL_ALLOW widens what is
 * reachable: `public` (default when the app listens on a public interface), `loopback` (default when it listens on
 * loopback only, so a local Ollama works), `private` (adds RFC 1918 / ULA / CGNAT), `any` (adds link-local).
 * Operator env base URLs (OPENAI_BASE_URL, ...) are trusted and not checked.
 */
export type BaseUrlPolicy = "public" | "loopback" | "private" | "any";
type AddressClass = "public" | "loopback" | "private" | "link-local";

const RANK: Record<AddressClass, number> = { public: 0, loopback: 1, private: 2, "link-local": 3 };
const POLICY_RANK: Record<BaseUrlPolicy, number> = { public: 0, loopback: 1, private: 2, any: 3 };

export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\./.test(host);
}

export function baseUrlPolicy(): BaseUrlPolicy {
  const configured = process.env.BASE_URL_ALLOW?.trim();
  if (configured === "public" || configured === "loopback" || configured === "private" || configured === "any")
    return configured;
  return isLoopbackHost(process.env.PLAYGROUND_BIND_HOST) ? "loopback" : "public";
}

function ipv4Class(address: string): AddressClass {
  const [a = 0, b = 0] = address.split(".").map(Number);
  if (a === 127 || a === 0) return "loopback";
  if (a === 169 && b === 254) return "link-local";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127))
    return "private";
  if (a >= 224) return "private"; // multicast and reserved: never a public API
  return "public";
}

export function classifyAddress(address: string): AddressClass {
  const lower = address.toLowerCase().replace(/^\[|\]$/g, "");
  if (isIP(lower) === 4) return ipv4Class(lower);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped?.[1]) return ipv4Class(mapped[1]);
  // The URL parser rewrites [::ffff:127.0.0.1] as [::ffff:7f00:1], which still connects to 127.0.0.1.
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mappedHex?.[1] && mappedHex[2]) {
    const high = Number.parseInt(mappedHex[1], 16);
    const low = Number.parseInt(mappedHex[2], 16);
    return ipv4Class(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  if (lower === "::1" || lower === "::") return "loopback";
  if (/^fe[89ab]/.test(lower)) return "link-local";
  if (/^f[cd]/.test(lower) || /^ff/.test(lower)) return "private";
  return "public";
}

/** Resolves the URL's host and refuses it when any address it resolves to is beyond the policy. */
export async function checkBaseUrl(url: string, policy: BaseUrlPolicy = baseUrlPolicy()): Promise<void> {
  if (policy === "any") return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    throw new CompletionError(502, "upstream_unreachable", `base_url host "${host}" does not resolve.`);
  }
  for (const address of addresses) {
    const kind = classifyAddress(address);
    if (RANK[kind] > POLICY_RANK[policy]) {
      throw new CompletionError(
        403,
        "forbidden_base_url",
        `base_url "${host}" resolves to a ${kind} address (${address}), which this server does not call (BASE_URL_ALLOW=${policy}). The operator can widen it with BASE_URL_ALLOW=${kind === "link-local" ? "any" : kind}.`,
      );
    }
  }
}
