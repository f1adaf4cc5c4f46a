import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { UPSTREAM } from "./support";

export interface AppInstance {
  url: string;
  /** The server's process id (one process: scripts/start.mjs runs next in itself). */
  pid: number | undefined;
  port: number;
  output: () => string;
  stop: () => Promise<void>;
  /** Kills the process with `signal` (SIGKILL: no shutdown hook runs) and waits for it to exit. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A second production server on the same build, with its own env, whose stdout and stderr the test can read. */
export async function startAppInstance(env: Record<string, string>, port?: number): Promise<AppInstance> {
  port ??= await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs", "-p", String(port)], {
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      OPENAI_BASE_URL: `${UPSTREAM}/v1`,
      ANTHROPIC_BASE_URL: UPSTREAM,
      OPENAI_API_KEY: "",
      ANTHROPIC_API_KEY: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (data) => (output += data));
  child.stderr?.on("data", (data) => (output += data));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      // 503: up, with its store down (a test of exactly that).
      const { status } = await fetch(`${url}/api/health`);
      if (status === 200 || status === 503) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const kill = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  return { url, port, pid: child.pid, output: () => output, stop: () => kill("SIGTERM"), kill };
}
