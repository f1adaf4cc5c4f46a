import { expect, TEST_KEY, test, uniqueMarker } from "../fixtures";

const WEATHER_PARAMETERS = JSON.stringify({
  type: "object",
  properties: {
    location: { type: "string", description: "The city" },
    unit: { type: "string", enum: ["celsius", "fahrenheit"] },
  },
  required: ["location"],
});

test("a tool call shows as a card, and Continue sends the call and its result", async ({ playground, upstream }) => {
  const { page } = playground;
  const marker = uniqueMarker("tools");
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, `What is the weather in New York? ${marker}`);

  await page.getByTestId("add-function").click();
  await page.getByTestId("function-name-0").fill("get_current_weather");
  await page.getByTestId("function-description-0").fill("Get the current weather in a given location");
  await page.getByTestId("function-parameters-0").fill(WEATHER_PARAMETERS);

  await playground.run();
  await playground.waitForRunEnd("done");
  const card = page.getByTestId("tool-call-0");
  await expect(card).toBeVisible();
  await expect(page.getByTestId("tool-call-name-0")).toHaveText("get_current_weather");
  // Known schema: the arguments show as the function's fields.
  await expect(page.getByTestId("tool-call-arguments-0")).toContainText("location");
  await expect(page.getByTestId("tool-call-arguments-0")).toContainText("New York");

  await page.getByTestId("tool-result-input-0").fill('{"temperature": 22, "unit": "celsius"}');
  await page.getByTestId("tool-continue").click();
  await playground.waitForRunEnd("done");
  await expect(playground.transcript).toContainText("Tool said:");
  await expect(playground.transcript).toContainText("22");

  // The conversation now holds the call and the result, as the form shows and the provider received.
  await expect(playground.messageRole(1)).toHaveValue("assistant");
  await expect(playground.messageRole(2)).toHaveValue("tool");
  const requests = await upstream.requestsContaining(marker);
  expect(requests).toHaveLength(2);
  const messages = requests[1]?.body.messages ?? [];
  const assistant = messages.find((message) => message.role === "assistant") as
    | { tool_calls?: { id: string; function: { name: string; arguments: string } }[] }
    | undefined;
  expect(assistant?.tool_calls?.[0]?.function.name).toBe("get_current_weather");
  expect(JSON.parse(assistant?.tool_calls?.[0]?.function.arguments ?? "{}")).toMatchObject({ location: "New York" });
  const tool = messages.find((message) => message.role === "tool") as
    | { tool_call_id?: string; content?: unknown }
    | undefined;
  expect(tool?.tool_call_id).toBe(assistant?.tool_calls?.[0]?.id);
  expect(JSON.stringify(tool?.content)).toContain("22");
});

test("Add to conversation appends the answer and opens the next user turn", async ({ playground }) => {
  const { page } = playground;
  await playground.setKey("openai", TEST_KEY);
  await playground.chooseModel("openai", "gpt-4o-mini");
  await playground.setMessage(0, "First question");
  await playground.run();
  await playground.waitForRunEnd("done");

  await page.getByTestId("add-to-conversation").click();
  await expect(playground.messageRole(1)).toHaveValue("assistant");
  await expect(playground.messageContent(1)).toHaveValue(/^Echo: First question\./);
  await expect(playground.messageRole(2)).toHaveValue("user");
  await expect(playground.messageContent(2)).toBeFocused();
  await page.keyboard.type("Second question");
  await page.keyboard.press("ControlOrMeta+Enter");
  await playground.waitForRunEnd("done");
  await expect(playground.transcript).toContainText("Echo: Second question.");
});
