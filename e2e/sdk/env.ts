import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Parea's Python SDK (vendored, unchanged) in a virtual environment under node_modules/.cache, built by the shared
 * offline script when missing. Two Playwright workers may ask at once: a mkdir lock makes one build and the other wait.
 */
const repoRoot = path.resolve(__dirname, "../..");
const venv = process.env.PAREA_SDK_VENV ?? path.join(repoRoot, "node_modules/.cache/parea-venv");
const script = process.env.PAREA_SDK_ENV_SCRIPT ?? path.resolve(repoRoot, "../shared/scripts/parea-sdk-env.sh");
export const python = path.join(venv, "bin/python");

function ready(): boolean {
  try {
    execFileSync(python, ["-c", "import parea"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function ensureSdkEnv(): Promise<void> {
  if (existsSync(python) && ready()) return;
  const lock = `${venv}.lock`;
  mkdirSync(path.dirname(venv), { recursive: true });
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A stale lock (a killed build) is older than 10 minutes.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 600_000) rmSync(lock, { recursive: true });
      if (ready()) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (!ready()) execFileSync("bash", [script, venv], { stdio: "inherit", timeout: 300_000 });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface ScriptRun {
  result: Record<string, unknown>;
  stdout: string;
  stderr: string;
}

/** Runs e2e/sdk/<name>.py against the app; resolves with its RESULT line, rejects with its output on failure. */
export function runSdkScript(name: string, env: Record<string, string>, timeoutMs = 150_000): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    execFile(
      python,
      [path.join(__dirname, `${name}.py`)],
      {
        cwd: __dirname,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: process.env.HOME ?? "/tmp",
          PYTHONUNBUFFERED: "1",
          ...env,
        } as unknown as NodeJS.ProcessEnv,
        timeout: timeoutMs,
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const line = stdout
          .split("\n")
          .reverse()
          .find((text) => text.startsWith("RESULT "));
        if (error || !line) {
          reject(new Error(`${name}.py failed (${error?.message ?? "no RESULT line"})\n${stdout}\n${stderr}`));
          return;
        }
        resolve({ result: JSON.parse(line.slice("RESULT ".length)), stdout, stderr });
      },
    );
  });
}
