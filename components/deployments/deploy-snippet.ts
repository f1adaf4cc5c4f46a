/** POSIX shell single-quoting: close the quote, an escaped quote, reopen. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The provider key's conventional env var name (OPENAI_API_KEY...); the local provider needs none. */
export function keyEnvFor(provider: string | null | undefined): string | undefined {
  if (!provider || provider === "local") return undefined;
  return `${provider.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_API_KEY`;
}

/**
 * A curl call running the deployed prompt through this server: `deployment_id` supplies the model, messages and
 * parameters; the key comes from the caller's environment (never from the page).
 */
export function deploymentCurl(options: {
  origin: string;
  deploymentId: string;
  provider?: string | null;
  inputs?: Record<string, unknown> | null;
}): string {
  const keyEnv = keyEnvFor(options.provider);
  const slot = "__PROVIDER_API_KEY__";
  const body: Record<string, unknown> = { deployment_id: options.deploymentId };
  if (options.inputs && Object.keys(options.inputs).length > 0) body.llm_inputs = options.inputs;
  if (keyEnv) body.provider_api_key = slot;
  const data = shellQuote(JSON.stringify(body, null, 2)).replace(`"${slot}"`, `"'"$${keyEnv}"'"`);
  return [
    `curl -N ${shellQuote(`${options.origin}/api/parea/v1/completion/stream`)} \\`,
    "  -H 'Content-Type: application/json' \\",
    '  -H "x-user-id: $PLAYGROUND_API_KEY" \\',
    `  -d ${data}`,
  ].join("\n");
}
