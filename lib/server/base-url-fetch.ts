import "server-only";
import { Agent, fetch as undiciFetch } from "undici";
import { CompletionError } from "@/lib/completion/errors";
import { type BaseUrlPolicy, baseUrlPolicy, pinnedLookup } from "./ssrf";

const agents = new Map<BaseUrlPolicy, Agent>();

/** One connection pool per policy, whose every new connection goes through the pinned lookup. */
function agentFor(policy: BaseUrlPolicy): Agent {
  let agent = agents.get(policy);
  if (!agent) {
    agent = new Agent({ connect: { lookup: pinnedLookup(policy) } });
    agents.set(policy, agent);
  }
  return agent;
}

function refusalIn(error: unknown): CompletionError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (current instanceof CompletionError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The fetch for a base URL the caller chose. The SSRF check in prepareRun looked at the host once; here every
 * connection resolves the host again, checks each address against the policy and connects only to the address it
 * checked (no DNS rebinding between check and connect), and a redirect is an error, never followed: a "public"
 * redirector must not lead our server (and the key) to loopback, nor the target's body back into an error text.
 */
export function callerBaseUrlFetch(policy: BaseUrlPolicy = baseUrlPolicy()): typeof globalThis.fetch {
  const dispatcher = policy === "any" ? undefined : agentFor(policy);
  return async (input, init) => {
    let response: Awaited<ReturnType<typeof undiciFetch>>;
    try {
      response = await undiciFetch(input as Parameters<typeof undiciFetch>[0], {
        ...(init as Parameters<typeof undiciFetch>[1]),
        redirect: "manual",
        dispatcher,
      });
    } catch (error) {
      throw refusalIn(error) ?? error;
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      throw new CompletionError(
        502,
        "upstream_redirect",
        `The base URL answered ${response.status} (a redirect); redirects are not followed for a base URL the request chose. Use the final URL as base_url.`,
      );
    }
    return response as unknown as Response;
  };
}
