import { describe, expect, it } from "vitest";
import { isStoreConnectionError, StoreUnavailableError } from "./unavailable";

const withCode = (code: string, message = "boom") => Object.assign(new Error(message), { code });

describe("store unavailable", () => {
  it("recognises connection, authorization and file failures of both dialects", () => {
    for (const code of ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "08006", "28P01", "3D000", "57P01", "53300"]) {
      expect(isStoreConnectionError(withCode(code)), code).toBe(true);
    }
    for (const code of ["SQLITE_CANTOPEN", "SQLITE_BUSY", "SQLITE_IOERR_WRITE", "SQLITE_FULL", "SQLITE_READONLY"]) {
      expect(isStoreConnectionError(withCode(code)), code).toBe(true);
    }
    expect(isStoreConnectionError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isStoreConnectionError(new AggregateError([withCode("ECONNREFUSED")]))).toBe(true);
  });

  it("leaves query and argument errors alone", () => {
    for (const code of ["42P01", "23505", "22P02", "SQLITE_CONSTRAINT", "SQLITE_ERROR"]) {
      expect(isStoreConnectionError(withCode(code)), code).toBe(false);
    }
    expect(isStoreConnectionError(new TypeError("x is undefined"))).toBe(false);
  });

  it("names the dialect and the code, never the cause's text", () => {
    const error = new StoreUnavailableError(
      "postgres",
      withCode("28P01", 'password authentication failed for user "admin" at postgres://admin:pw@db/x'),
    );
    expect(error.message).toBe("The store (PostgreSQL) is unreachable (28P01); the server log has the cause.");
    expect(new StoreUnavailableError("sqlite", new Error("x")).message).toContain("The store (SQLite) is unreachable");
  });
});
