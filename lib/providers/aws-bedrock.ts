import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";
import { baseUrl, env } from "./env";
import type { ProviderAdapter } from "./types";

/**
 * Bedrock. A provider_api_key is a Bedrock API key (bearer token, AWS_BEARER_TOKEN_BEDROCK); without one the usual
 * AWS credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN) sign the request.
 */
export const awsBedrockAdapter: ProviderAdapter = {
  id: "aws_bedrock",
  label: "AWS Bedrock",
  keyEnv: "AWS_BEARER_TOKEN_BEDROCK",
  baseUrlEnv: "AWS_BEDROCK_BASE_URL",
  keyRequired: false,
  ambientCredentials: true,
  priceProviderId: "aws",
  models: ["anthropic.claude-3-5-haiku-20241022-v1:0", "amazon.nova-pro-v1:0", "meta.llama3-1-70b-instruct-v1:0"],
  createModel: ({ modelId, apiKey, baseURL, fetch }) =>
    createAmazonBedrock({
      apiKey,
      region: env("AWS_REGION") ?? "us-east-1",
      baseURL: baseUrl(baseURL, "AWS_BEDROCK_BASE_URL"),
      fetch,
    })(modelId),
};
