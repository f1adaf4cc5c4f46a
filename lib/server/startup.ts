import "server-only";
import { configuredProviders } from "@/lib/providers/registry";
import { authRequired } from "./auth";
import { baseUrlPolicy } from "./ssrf";

/** What the operator should know at start-up. Names env vars, never their values. */
export function startupReport(): string[] {
  const lines = [
    authRequired()
      ? "[playground] API auth on: requests need one of PLAYGROUND_API_KEYS in x-api-key or x-user-id."
      : "[playground] API auth OFF (no PLAYGROUND_API_KEYS): the API is open, for local use only.",
    `[playground] providers ready without a request key: ${configuredProviders().join(", ")}`,
    `[playground] user-given base URLs may reach: ${baseUrlPolicy()} addresses (BASE_URL_ALLOW).`,
    `[playground] answering as Host: IP literals, localhost${process.env.PLAYGROUND_BIND_HOST ? `, ${process.env.PLAYGROUND_BIND_HOST}` : ""}` +
      `${process.env.ALLOWED_HOSTS ? `, ${process.env.ALLOWED_HOSTS}` : ""} (ALLOWED_HOSTS adds public names).`,
  ];
  return lines;
}
