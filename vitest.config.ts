import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      "server-only": path.join(import.meta.dirname, "lib/testing/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "components/**/*.test.tsx", "e2e/upstream/**/*.test.ts"],
    environment: "node",
    // A busy machine (CI on 2 cores, a build alongside) makes store and type-checking tests slow, not wrong: the
    // default 5 s limit failed them. Heavy tests also carry their own explicit limit; speed is measured in bench/.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
