import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CompletionError } from "@/lib/completion/errors";
import { type BaseUrlPolicy, baseUrlPolicy, checkBaseUrl, classifyAddress, isLoopbackHost, pinnedLookup } from "./ssrf";

async function rejection(promise: Promise<unknown>): Promise<CompletionError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CompletionError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["0.0.0.0", "loopback"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.15.0.1", "public"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["100.127.255.255", "private"],
    ["100.128.0.1", "public"],
    ["224.0.0.1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["FE80::1", "link-local"],
    ["fd00::1", "private"],
    ["fc00::1", "private"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:8.8.8.8", "public"],
    // The WHATWG URL parser rewrites [::ffff:127.0.0.1] to [::ffff:7f00:1]; that form must classify the same.
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["::ffff:a00:1", "private"],
    ["::ffff:808:808", "public"],
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["2606:4700:4700::1111", "public"],
  ] as const)("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  // Issue 9 point 15: the IANA special-purpose registries, and IPv6 forms that carry an IPv4 address.
  it.each([
    // IPv4-compatible ::a.b.c.d (and the hex form the URL parser gives it) reaches the embedded address.
    ["::127.0.0.1", "loopback"],
    ["::7f00:1", "loopback"],
    ["::a9fe:a9fe", "link-local"],
    ["::10.0.0.1", "private"],
    // NAT64 well-known prefix: the embedded address; local-use NAT64 is never global.
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "link-local"],
    ["64:ff9b::808:808", "public"],
    ["64:ff9b:1::808:808", "private"],
    // 6to4 carries the IPv4 address in bits 16-48.
    ["2002:7f00:1::", "loopback"],
    ["2002:a9fe:a9fe::1", "link-local"],
    ["2002:c0a8:101::1", "private"],
    // Teredo and the rest of the IETF protocol assignments block.
    ["2001::1", "private"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "private"],
    ["2001:2::1", "private"],
    ["2001:db8::1", "private"],
    ["3fff::1", "private"],
    ["5f00::1", "private"],
    ["100::1", "private"],
    ["fec0::1", "private"],
    ["feff::1", "private"],
    ["ff02::1", "private"],
    // Outside global unicast 2000::/3: not routed on the internet.
    ["4000::1", "private"],
    ["::2", "loopback"], // IPv4-compatible 0.0.0.2: "this network"
    ["0.1.2.3", "loopback"],
    ["192.0.0.1", "private"],
    ["192.0.0.170", "private"],
    ["192.0.2.1", "private"],
    ["192.88.99.1", "private"],
    ["198.18.0.1", "private"],
    ["198.19.255.255", "private"],
    ["198.20.0.1", "public"],
    ["198.51.100.7", "private"],
    ["203.0.113.9", "private"],
    ["240.0.0.1", "private"],
    ["255.255.255.255", "private"],
    ["239.255.255.250", "private"],
    ["192.0.3.1", "public"],
    ["not-an-address", "private"],
  ] as const)("special-purpose %s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe("checkBaseUrl (IP literals, no DNS)", () => {
  const cases: [string, BaseUrlPolicy[], BaseUrlPolicy[]][] = [
    // url, policies that allow it, policies that refuse it
    ["http://8.8.8.8/v1", ["public", "loopback", "private", "any"], []],
    ["http://127.0.0.1:11434/v1", ["loopback", "private", "any"], ["public"]],
    ["http://[::1]:8080/v1", ["loopback", "private", "any"], ["public"]],
    ["http://10.0.0.1/v1", ["private", "any"], ["public", "loopback"]],
    ["http://192.168.1.20:8000/v1", ["private", "any"], ["public", "loopback"]],
    ["http://[fd00::1]/v1", ["private", "any"], ["public", "loopback"]],
    ["http://169.254.169.254/latest", ["any"], ["public", "loopback", "private"]],
    ["http://[fe80::1]/v1", ["any"], ["public", "loopback", "private"]],
    // Spellings the URL parser normalises to the addresses above.
    ["http://2130706433/v1", ["loopback", "private", "any"], ["public"]],
    ["http://0x7f.1/v1", ["loopback", "private", "any"], ["public"]],
    ["http://[::ffff:127.0.0.1]:8080/v1", ["loopback", "private", "any"], ["public"]],
    ["http://[::ffff:a9fe:a9fe]/latest", ["any"], ["public", "loopback", "private"]],
  ];

  it.each(cases)("%s: allowed by %j, refused by %j", async (url, allowed, refused) => {
    for (const policy of allowed) await expect(checkBaseUrl(url, policy)).resolves.toBeUndefined();
    for (const policy of refused) {
      const error = await rejection(checkBaseUrl(url, policy));
      expect(error.status).toBe(403);
      expect(error.type).toBe("forbidden_base_url");
      expect(error.message).toContain(`BASE_URL_ALLOW=${policy}`);
    }
  });

  it("says which policy would allow the address", async () => {
    const metadata = await rejection(checkBaseUrl("http://169.254.169.254/", "private"));
    expect(metadata.message).toBe(
      'base_url "169.254.169.254" resolves to a link-local address (169.254.169.254), which this server does not call (BASE_URL_ALLOW=private). The operator can widen it with BASE_URL_ALLOW=any.',
    );
    const privateHost = await rejection(checkBaseUrl("http://10.0.0.1/", "public"));
    expect(privateHost.message).toContain("a private address (10.0.0.1)");
    expect(privateHost.message).toContain("widen it with BASE_URL_ALLOW=private");
  });
});

describe("baseUrlPolicy", () => {
  const names = ["BASE_URL_ALLOW", "PLAYGROUND_BIND_HOST"] as const;
  const saved: Partial<Record<(typeof names)[number], string>> = {};

  beforeEach(() => {
    for (const name of names) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  });

  afterEach(() => {
    for (const name of names) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it("defaults to public when the bind host is unknown or public", () => {
    expect(baseUrlPolicy()).toBe("public");
    process.env.PLAYGROUND_BIND_HOST = "0.0.0.0";
    expect(baseUrlPolicy()).toBe("public");
  });

  it.each(["127.0.0.1", "localhost", "::1", "[::1]"])("defaults to loopback when bound to %s", (host) => {
    process.env.PLAYGROUND_BIND_HOST = host;
    expect(baseUrlPolicy()).toBe("loopback");
  });

  it.each(["public", "loopback", "private", "any"] as const)("BASE_URL_ALLOW=%s wins over the bind host", (policy) => {
    process.env.PLAYGROUND_BIND_HOST = policy === "public" ? "127.0.0.1" : "0.0.0.0";
    process.env.BASE_URL_ALLOW = ` ${policy} `;
    expect(baseUrlPolicy()).toBe(policy);
  });

  it("ignores an unknown BASE_URL_ALLOW value", () => {
    process.env.BASE_URL_ALLOW = "everything";
    process.env.PLAYGROUND_BIND_HOST = "127.0.0.1";
    expect(baseUrlPolicy()).toBe("loopback");
  });

  it("is what checkBaseUrl uses when no policy is given", async () => {
    process.env.BASE_URL_ALLOW = "public";
    expect((await rejection(checkBaseUrl("http://127.0.0.1:1/v1"))).type).toBe("forbidden_base_url");
    process.env.BASE_URL_ALLOW = "loopback";
    await expect(checkBaseUrl("http://127.0.0.1:1/v1")).resolves.toBeUndefined();
  });
});

describe("isLoopbackHost", () => {
  it("knows loopback names and addresses", () => {
    expect(["localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([undefined, "", "0.0.0.0", "10.0.0.1", "localhost.example.com"].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe("pinnedLookup", () => {
  type Answer = { error: NodeJS.ErrnoException | null; address: unknown; family?: number };
  const call = (lookup: ReturnType<typeof pinnedLookup>, options: { all?: boolean } | undefined) =>
    new Promise<Answer>((resolve) =>
      lookup("rebind.example", options, (error, address, family) => resolve({ error, address, family })),
    );

  it("connects only to the address it checked", async () => {
    const lookup = pinnedLookup("public", async () => [{ address: "8.8.8.8", family: 4 }]);
    expect(await call(lookup, undefined)).toEqual({ error: null, address: "8.8.8.8", family: 4 });
    expect(await call(lookup, { all: true })).toEqual({
      error: null,
      address: [{ address: "8.8.8.8", family: 4 }],
      family: undefined,
    });
  });

  it("refuses a host whose answer changed to loopback after the first check (DNS rebinding)", async () => {
    const answers = [[{ address: "8.8.8.8", family: 4 }], [{ address: "127.0.0.1", family: 4 }]];
    let resolved = 0;
    const lookup = pinnedLookup("public", async () => answers[resolved++] ?? []);
    expect((await call(lookup, undefined)).error).toBeNull();
    const second = await call(lookup, { all: true });
    expect(second.error).toBeInstanceOf(CompletionError);
    expect((second.error as unknown as CompletionError).type).toBe("forbidden_base_url");
    expect(second.address).toEqual([]);
  });

  it("refuses when any address in the answer is beyond the policy", async () => {
    const lookup = pinnedLookup("loopback", async () => [
      { address: "127.0.0.1", family: 4 },
      { address: "fd00::1", family: 6 },
    ]);
    const answer = await call(lookup, { all: true });
    expect((answer.error as unknown as CompletionError).message).toContain("a private address (fd00::1)");
  });

  it("passes resolver errors through", async () => {
    const lookup = pinnedLookup("public", async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    });
    expect((await call(lookup, undefined)).error?.code).toBe("ENOTFOUND");
  });
});
