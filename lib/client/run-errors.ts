import type { RunErrorInfo } from "./run-types";

export type RunErrorAction = "add-key" | "access-key" | "retry" | "check-model" | "check-base-url" | "fix-request";

export interface RunErrorView {
  title: string;
  /** The provider's (or server's) own words. */
  message: string;
  /** What to do about it. */
  hint: string;
  action?: RunErrorAction;
}

/** Turns the API's error table into a sentence a person can act on. */
export function describeRunError(error: RunErrorInfo, providerLabel: string): RunErrorView {
  const base = { message: error.message };
  switch (error.type) {
    case "missing_api_key":
      return {
        ...base,
        title: `${providerLabel} needs an API key`,
        hint: `Add a key for ${providerLabel} (it stays in this tab unless you choose to remember it), or set it on the server.`,
        action: "add-key",
      };
    case "authentication_error":
    case "permission_denied":
      return {
        ...base,
        title: `${providerLabel} rejected the key`,
        hint: `Check the key for ${providerLabel}: it may be mistyped, revoked, or lack access to this model.`,
        action: "add-key",
      };
    case "unauthorized":
      return {
        ...base,
        title: "This playground needs an access key",
        hint: "The server is protected (PLAYGROUND_API_KEYS). Enter its access key in the keys dialog.",
        action: "access-key",
      };
    case "model_not_found":
      return {
        ...base,
        title: "Model not found",
        hint: `Check the model name: ${providerLabel} does not know it, or your key cannot use it.`,
        action: "check-model",
      };
    case "rate_limited":
      return {
        ...base,
        title: `${providerLabel} is rate limiting`,
        hint: "Wait a few seconds, then retry. If it keeps happening, check your plan's limits.",
        action: "retry",
      };
    case "upstream_timeout":
      return {
        ...base,
        title: `${providerLabel} timed out`,
        hint: "The provider did not answer in time. Retry.",
        action: "retry",
      };
    case "upstream_unreachable":
      return {
        ...base,
        title: `Could not reach ${providerLabel}`,
        hint: "Check the base URL and that the server is running, then retry.",
        action: "check-base-url",
      };
    case "forbidden_base_url":
      return {
        ...base,
        title: "Base URL not allowed",
        hint: "The server's policy blocks this base URL.",
        action: "check-base-url",
      };
    case "validation_error":
    case "invalid_request":
      return {
        ...base,
        title: "The request is not valid",
        hint: "Fix the fields listed below, then run again.",
        action: "fix-request",
      };
    case "local_model_error":
      return {
        ...base,
        title: "Local model problem",
        hint: "Check the model file name and LOCAL_MODELS_DIR.",
        action: "check-model",
      };
    case "network":
      return {
        ...base,
        title: "Server unreachable",
        hint: "Is the playground server still running? Retry.",
        action: "retry",
      };
    case "stream_cut":
    case "upstream_stream_error":
      return {
        ...base,
        title: "The stream broke off",
        hint: "The text so far is kept. Retry to run again.",
        action: "retry",
      };
    default:
      return {
        ...base,
        title: error.status >= 500 ? `${providerLabel} failed` : "The run failed",
        hint: error.status >= 500 ? "The provider had a problem. Retry in a moment." : "Check the request, then retry.",
        action: "retry",
      };
  }
}
