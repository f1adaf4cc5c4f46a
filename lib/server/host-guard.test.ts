import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkRequestOrigin, hostnameOf } from "./host-guard";

const saved = { ALLOWED_HOSTS: process.env.ALLOWED_HOSTS, PLAYGROUND_BIND_HOST: process.env.PLAYGROUND_BIND_HOST };
beforeEach(() => {
  delete process.env.ALLOWED_HOSTS;
  process.env.PLAYGROUND_BIND_HOST = "127.0.0.1";
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const check = (method: string, headers: Record<string, string>) => checkRequestOrigin(method, new Headers(headers));

describe("Host", () => {
  it("answers IP literals, loopback names and the bind host", () => {
    for (const host of ["127.0.0.1:3000", "[::1]:3000", "10.0.0.7", "localhost:3000", "app.localhost", "LOCALHOST"]) {
      expect(check("GET", { host }), host).toBeUndefined();
    }
    process.env.PLAYGROUND_BIND_HOST = "box.lan";
    expect(check("GET", { host: "box.lan:3000" })).toBeUndefined();
  });

  it("refuses any other name with a 421 that names ALLOWED_HOSTS", () => {
    for (const host of [
      "evil.example",
      "evil.example:3000",
      "localhost.evil.example",
      "127.0.0.1.evil.example",
      "a/b",
    ]) {
      const refusal = check("GET", { host });
      expect(refusal?.status, host).toBe(421);
      expect(refusal?.message).toContain("ALLOWED_HOSTS");
    }
  });

  it("answers the names in ALLOWED_HOSTS, as names, origins or wildcards", () => {
    process.env.ALLOWED_HOSTS = "play.example.com, https://other.example:8443 ,*.team.example";
    for (const host of ["play.example.com", "PLAY.example.com.", "other.example", "a.team.example"]) {
      expect(check("GET", { host }), host).toBeUndefined();
    }
    for (const host of ["team.example", "xteam.example", "example.com"])
      expect(check("GET", { host })?.status).toBe(421);
  });

  it("parses hosts like a browser", () => {
    expect(hostnameOf("127.1:3000")).toBe("127.0.0.1");
    expect(hostnameOf("[::1]:80")).toBe("::1");
    expect(hostnameOf("user@evil.example")).toBeUndefined();
  });
});

describe("cross-site writes", () => {
  const host = "127.0.0.1:3000";
  it("refuses another Origin or Sec-Fetch-Site: cross-site on POST, PUT, PATCH and DELETE", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(check(method, { host, origin: "http://evil.example" })?.status).toBe(403);
      expect(check(method, { host, origin: "http://127.0.0.1:4000" })?.status).toBe(403);
      expect(check(method, { host, origin: "null" })?.status).toBe(403);
      expect(check(method, { host, "sec-fetch-site": "cross-site" })?.status).toBe(403);
    }
  });

  it("lets same-origin, Origin-less and read requests through", () => {
    expect(check("POST", { host, origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" })).toBeUndefined();
    expect(check("POST", { host })).toBeUndefined();
    expect(check("GET", { host, origin: "http://evil.example", "sec-fetch-site": "cross-site" })).toBeUndefined();
  });

  it("accepts an Origin listed in ALLOWED_HOSTS (a reverse proxy that rewrites Host)", () => {
    process.env.ALLOWED_HOSTS = "play.example.com";
    expect(check("POST", { host, origin: "https://play.example.com" })).toBeUndefined();
  });
});
