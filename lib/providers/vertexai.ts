import { createVertex } from "@ai-sdk/google-vertex";
import { baseUrl, env } from "./env";
import { modelPathSegment } from "./model-id";
import type { ProviderAdapter } from "./types";

/**
 * Vertex AI. A provider_api_key (or GOOGLE_VERTEX_API_KEY) uses Vertex's express mode; without one the Google auth
 * library finds service-account credentials (GOOGLE_APPLICATION_CREDENTIALS) as usual, so no key is required.
 */
export const vertexaiAdapter: ProviderAdapter = {
  id: "vertexai",
  label: "Google Vertex AI",
  keyEnv: "GOOGLE_VERTEX_API_KEY",
  baseUrlEnv: "GOOGLE_VERTEX_BASE_URL",
  keyRequired: false,
  ambientCredentials: true,
  modelIdInUrl: true,
  priceProviderId: "google",
  models: ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.0-flash"],
  createModel: ({ modelId, apiKey, baseURL, fetch }) =>
    createVertex({
      apiKey,
      project: env("GOOGLE_VERTEX_PROJECT"),
      location: env("GOOGLE_VERTEX_LOCATION"),
      baseURL: baseUrl(baseURL, "GOOGLE_VERTEX_BASE_URL"),
      fetch,
    })(modelPathSegment(modelId)),
};
