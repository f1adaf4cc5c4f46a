import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CompletionError } from "@/lib/completion/errors";
import { type BaseUrlPolicy, baseUrlPolicy, checkBaseUrl, classifyAddress, isLoopbackHost } from "./ssrf";

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
