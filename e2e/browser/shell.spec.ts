import { expect, test } from "../fixtures";

test("the theme toggle is remembered across reloads", async ({ playground }) => {
  const { page } = playground;
  const html = page.locator("html");
  const toggle = page.getByTestId("theme-toggle");
  // system (light here) → light → dark
  await toggle.click();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-label", /Theme: dark/);
  await expect(html).toHaveClass(/dark/);
  await page.reload();
  await expect(html).toHaveClass(/dark/);
  await expect(page.getByTestId("theme-toggle")).toHaveAttribute("aria-label", /Theme: dark/);
});

test("? lists the keyboard shortcuts", async ({ playground }) => {
  const { page } = playground;
  await page.locator("body").click({ position: { x: 5, y: 700 } });
  await page.keyboard.press("?");
  const help = page.getByTestId("shortcuts-help");
  await expect(help).toBeVisible();
  await expect(help).toContainText("Run");
  await expect(help).toContainText("Esc");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  await page.getByTestId("help-button").click();
  await expect(help).toBeVisible();
});

test("variables in messages get their own inputs, sent as llm_inputs", async ({ playground }) => {
  const { page } = playground;
  await playground.setMessage(0, "Tell me about {{city}} in {{season}}");
  await page.getByTestId("template-input-city").fill("Paris");
  await page.getByTestId("template-input-season").fill("spring");
  const exported = JSON.parse(await playground.exportJson());
  expect(exported.llm_inputs).toEqual({ city: "Paris", season: "spring" });
});
