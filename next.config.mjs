/** @type {import('next').NextConfig} */
const nextConfig = {
  // node-llama-cpp loads a native addon and its prebuilt binaries at run time: bundling it breaks both.
  serverExternalPackages: ["node-llama-cpp"],
  // Next 16.4 writes AGENTS.md into the work tree when it detects a coding agent; keep the tree clean.
  agentRules: false,
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
