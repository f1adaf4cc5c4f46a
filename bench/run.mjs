// `npm run bench`: every benchmark, one after the other, each printing its own figures.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const only = process.argv[2];
for (const file of readdirSync(import.meta.dirname).filter(
  (name) => /^[a-z-]+\.mjs$/.test(name) && !["run.mjs", "support.mjs"].includes(name),
)) {
  if (only && !file.startsWith(only)) continue;
  const { status } = spawnSync(process.execPath, [`${import.meta.dirname}/${file}`], { stdio: "inherit" });
  if (status !== 0) process.exitCode = status ?? 1;
}
