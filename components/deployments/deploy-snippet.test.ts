import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { deploymentCurl, keyEnvFor } from "./deploy-snippet";

describe("the deployment's curl snippet", () => {
  it("names the key's env variable, never a key, and quotes inputs for the shell", () => {
    const curl = deploymentCurl({
      origin: "http://127.0.0.1:3000",
      deploymentId: "p-abc",
      provider: "openai",
      inputs: { city: "O'Hare" },
    });
    expect(curl).toContain(`"'"$OPENAI_API_KEY"'"`);
    // The -d argument, as the shell reads it, is the JSON body with the variable expanded.
    const data = curl.slice(curl.indexOf("-d ") + 3);
    const body = execFileSync("sh", ["-c", `printf %s ${data}`], {
      env: { ...process.env, OPENAI_API_KEY: "sk-env" },
    }).toString();
    expect(JSON.parse(body)).toEqual({
      deployment_id: "p-abc",
      llm_inputs: { city: "O'Hare" },
      provider_api_key: "sk-env",
    });
  });

  it("asks no key for the local provider", () => {
    expect(keyEnvFor("local")).toBeUndefined();
    expect(keyEnvFor("aws_bedrock")).toBe("AWS_BEDROCK_API_KEY");
    expect(deploymentCurl({ origin: "", deploymentId: "p-x", provider: "local" })).not.toContain("provider_api_key");
  });
});
