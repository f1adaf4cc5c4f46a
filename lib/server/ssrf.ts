import "server-only";
import type { LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { CompletionError } from "@/lib/completion/errors";

/**
 * A user-given base URL makes our server fetch an address the user chose: an SSRF door into the operator's network
 * (cloud metadata at 169.254.169.254, databases on 10.x, admin panels on localhost). BASE_URL_ALLOW widens what is
 * reachable: `public` (default when the app listens on a public interface), `loopback` (default when it listens on
 * loopback only, so a local Ollama works), `private` (adds RFC 1918 / ULA / CGNAT and every other range that is not
 * globally reachable), `any` (adds link-local). Operator env base URLs (OPENAI_BASE_URL, ...) are trusted and not checked.
 */
export type BaseUrlPolicy = "public" | "loopback" | "private" | "any";
export type AddressClass = "public" | "loopback" | "private" | "link-local";

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

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];
const ranges = (cidrs: string[]): Range[] => cidrs.map((cidr) => ipaddr.parseCIDR(cidr));
const within = (address: ipaddr.IPv4 | ipaddr.IPv6, list: Range[]) =>
  list.some((range) => address.kind() === range[0].kind() && address.match(range));

// The IANA IPv4 and IPv6 Special-Purpose Address Registries: every block that is not globally reachable (and the
// documentation, benchmarking and reserved ones) is not public. Blocks that embed an IPv4 address are unwrapped.
const V4_LOOPBACK = ranges(["0.0.0.0/8", "127.0.0.0/8"]); // 0.0.0.0 connects to this host on Linux
const V4_LINK_LOCAL = ranges(["169.254.0.0/16"]);
const V4_NOT_GLOBAL = ranges([
  "10.0.0.0/8",
  "100.64.0.0/10", // shared address space (CGNAT)
  "172.16.0.0/12",
  "192.0.0.0/24", // IETF protocol assignments
  "192.0.2.0/24", // TEST-NET-1
  "192.88.99.0/24", // 6to4 relay anycast (deprecated)
  "192.168.0.0/16",
  "198.18.0.0/15", // benchmarking
  "198.51.100.0/24", // TEST-NET-2
  "203.0.113.0/24", // TEST-NET-3
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, and 255.255.255.255 broadcast
]);
const V6_LOOPBACK = ranges(["::1/128", "::/128"]);
const V6_LINK_LOCAL = ranges(["fe80::/10"]);
const V6_NOT_GLOBAL = ranges([
  "64:ff9b:1::/48", // local-use NAT64
  "100::/64", // discard-only
  "2001::/23", // IETF protocol assignments, Teredo (2001::/32) among them
  "2001:db8::/32", // documentation
  "3fff::/20", // documentation
  "5f00::/16", // SRv6 SIDs
  "fc00::/7", // unique local
  "fec0::/10", // site-local (deprecated, still routed inside sites)
  "ff00::/8", // multicast
]);
const V6_GLOBAL_UNICAST = ranges(["2000::/3"]);

function ipv4Class(address: ipaddr.IPv4): AddressClass {
  if (within(address, V4_LOOPBACK)) return "loopback";
  if (within(address, V4_LINK_LOCAL)) return "link-local";
  if (within(address, V4_NOT_GLOBAL)) return "private";
  return "public";
}

const v4FromBytes = (bytes: number[]) => new ipaddr.IPv4(bytes.slice(0, 4));

/** The IPv4 address an IPv6 address carries and reaches: mapped, compatible, NAT64 (well-known prefix), 6to4. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  const parts = address.parts;
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  // IPv4-compatible ::a.b.c.d (deprecated, still parsed and routed by some stacks); :: and ::1 are handled before.
  if (parts.slice(0, 6).every((part) => part === 0)) return v4FromBytes(bytes.slice(12));
  if (address.match(ipaddr.parseCIDR("64:ff9b::/96"))) return v4FromBytes(bytes.slice(12));
  if (parts[0] === 0x2002) return v4FromBytes(bytes.slice(2, 6));
  return undefined;
}

function ipv6Class(address: ipaddr.IPv6): AddressClass {
  if (within(address, V6_LOOPBACK)) return "loopback";
  const embedded = embeddedIpv4(address);
  if (embedded) return ipv4Class(embedded);
  if (within(address, V6_LINK_LOCAL)) return "link-local";
  if (within(address, V6_NOT_GLOBAL)) return "private";
  // Only global unicast (2000::/3) is routed on the internet; everything else IANA holds back is not public.
  return within(address, V6_GLOBAL_UNICAST) ? "public" : "private";
}

/** Classifies an IP literal (IPv4 or IPv6, brackets allowed). Anything that does not parse is refused as private. */
export function classifyAddress(address: string): AddressClass {
  const literal = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!ipaddr.isValid(literal)) return "private";
  const parsed = ipaddr.parse(literal);
  return parsed.kind() === "ipv4" ? ipv4Class(parsed as ipaddr.IPv4) : ipv6Class(parsed as ipaddr.IPv6);
}

function refusal(host: string, address: string, kind: AddressClass, policy: BaseUrlPolicy): CompletionError {
  return new CompletionError(
    403,
    "forbidden_base_url",
    `base_url "${host}" resolves to a ${kind} address (${address}), which this server does not call (BASE_URL_ALLOW=${policy}). The operator can widen it with BASE_URL_ALLOW=${kind === "link-local" ? "any" : kind}.`,
  );
}

/** Throws the 403 when the address is beyond the policy. */
export function checkAddress(host: string, address: string, policy: BaseUrlPolicy = baseUrlPolicy()): void {
  if (policy === "any") return;
  const kind = classifyAddress(address);
  if (RANK[kind] > POLICY_RANK[policy]) throw refusal(host, address, kind, policy);
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
  for (const address of addresses) checkAddress(host, address, policy);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Resolve = (host: string) => Promise<LookupAddress[]>;

/**
 * A `lookup` for net.connect / tls.connect that resolves the host itself, checks every address against the policy,
 * and hands the socket only the addresses it checked: the address that is connected to is the address that was
 * checked, so a DNS answer that changes between our check and the connect (rebinding) cannot reach loopback.
 */
export function pinnedLookup(
  policy: BaseUrlPolicy = baseUrlPolicy(),
  resolve: Resolve = (host) => lookup(host, { all: true }),
) {
  return (host: string, options: { all?: boolean } | number | undefined, callback: LookupCallback) => {
    const all = typeof options === "object" && options?.all === true;
    resolve(host).then(
      (addresses) => {
        try {
          if (addresses.length === 0) throw Object.assign(new Error(`${host} does not resolve`), { code: "ENOTFOUND" });
          for (const entry of addresses) checkAddress(host, entry.address, policy);
        } catch (error) {
          return callback(error as NodeJS.ErrnoException, all ? [] : "");
        }
        const first = addresses[0] as LookupAddress;
        if (all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, all ? [] : ""),
    );
  };
}
