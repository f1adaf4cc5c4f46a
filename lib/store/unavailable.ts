import type { DialectName } from "./types";

const DIALECT_LABEL: Record<DialectName, string> = { sqlite: "SQLite", postgres: "PostgreSQL" };

/**
 * The store cannot be reached (PostgreSQL down or refusing us, the SQLite file unopenable, locked or full): a 503
 * that names the dialect, never the connection string, the user or the password. The cause stays in the server log.
 */
export class StoreUnavailableError extends Error {
  override name = "StoreUnavailableError";
  readonly code: string | undefined;

  constructor(
    readonly dialect: DialectName,
    cause: unknown,
  ) {
    const code = errorCode(cause);
    super(
      `The store (${DIALECT_LABEL[dialect]}) is unreachable${code ? ` (${code})` : ""}; the server log has the cause.`,
    );
    this.code = code;
    this.cause = cause;
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown })?.code;
  return typeof code === "string" && /^[A-Z0-9_]{2,40}$/.test(code) ? code : undefined;
}

// Node's socket and file errors, PostgreSQL's SQLSTATE classes 08 (connection), 28 (authorization), 53
// (resources), 57P0x (shutdown), 3D000 (no such database), and SQLite's "cannot use the file" codes.
const NODE_CODES =
  /^(E(CONNREFUSED|CONNRESET|NOTFOUND|TIMEDOUT|HOSTUNREACH|NETUNREACH|AI_AGAIN|PIPE|ACCES|PERM|ROFS|NOSPC|NOTDIR|ISDIR))$/;
const PG_CODES = /^(08...|28...|53...|57P0[1-4]|3D000)$/;
const SQLITE_CODES = /^SQLITE_(CANTOPEN|BUSY|LOCKED|IOERR|FULL|READONLY|CORRUPT|NOTADB|PERM|AUTH)/;
const PG_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/** True when an error says the database cannot be used at all, as opposed to a bad query or a bad argument. */
export function isStoreConnectionError(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const code = errorCode(error);
  if (code && (NODE_CODES.test(code) || PG_CODES.test(code) || SQLITE_CODES.test(code))) return true;
  if (error instanceof AggregateError) return error.errors.some(isStoreConnectionError);
  return error instanceof Error && PG_MESSAGES.test(error.message);
}
