import type { CompletionRequestInput } from "@/lib/schema/completion-request";

/** The body of the seed's curl example (shared/seed/parea-completion-stream.txt), verbatim. */
export const SEED_REQUEST = {
  end_user_identifier: "2596@gmail.com",
  inputs: { city: "New York" },
  llm_configuration: {
    function_call: "auto",
    functions: [
      {
        description: "Get the current weather in a given location.",
        name: "get_current_weather",
        parameters: {
          properties: {
            location: { description: "The city and state, e.g. San Francisco, CA", type: "string" },
            unit: { enum: ["celsius", "fahrenheit"], type: "string" },
          },
          required: ["location"],
          type: "object",
        },
      },
    ],
    messages: [{ content: "What is the weather in New York", role: "user" }],
    model: "gpt-4o-mini",
    model_params: { max_length: 500, model: "gpt-4o-mini", temp: 0 },
    provider: "openai",
  },
  metadata: { purpose: "testing", user_id: "user_2Q9afRAKe6SZrc3U7" },
  tags: ["weather", "forecast"],
} satisfies CompletionRequestInput;
