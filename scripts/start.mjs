#!/usr/bin/env node
// `npm start`: `next start` in this very process (no orphan child), bound to loopback unless told otherwise.
// Accepts what `next start` accepts (-p/--port, -H/--hostname); PORT and HOST env vars work too.
// The bind host is exported as PLAYGROUND_BIND_HOST: the SSRF policy allows loopback base URLs only when the app
// itself is reachable from this machine alone.
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const args = process.argv.slice(2);
const hostFlag = args.findIndex((arg) => arg === "-H" || arg === "--hostname");
const host = hostFlag >= 0 ? args[hostFlag + 1] : (process.env.HOST ?? "127.0.0.1");
if (hostFlag < 0) args.push("-H", host);
process.env.PLAYGROUND_BIND_HOST = host;
// Which process a "running" log row belongs to: only one live process can listen on host:port, so at start-up the
// rows this id left "running" are from a process that died mid-run (they are marked "interrupted").
const portFlag = args.findIndex((arg) => arg === "-p" || arg === "--port");
const port = portFlag >= 0 ? args[portFlag + 1] : (process.env.PORT ?? "3000");
process.env.PLAYGROUND_INSTANCE_ID ??= `${os.hostname()}:${host}:${port}`;
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

// The keyless default model: ./models, or else the workplace's shared copy beside the checkout, so a fresh clone
// runs real tokens without a download. LOCAL_MODELS_DIR always wins.
const hasModels = (dir) => existsSync(dir) && readdirSync(dir).some((name) => name.endsWith(".gguf"));
if (!process.env.LOCAL_MODELS_DIR && !hasModels("models")) {
  const shared = path.resolve("..", "shared", "models");
  if (hasModels(shared)) {
    process.env.LOCAL_MODELS_DIR = shared;
    console.log(`[playground] local models: using ${shared} (no .gguf in ./models)`);
  }
}
process.argv = [process.argv[0], "next", "start", ...args];

const require = createRequire(import.meta.url);
require("next/dist/bin/next");
