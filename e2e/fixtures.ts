import { type APIRequestContext, test as base, expect, type Locator, type Page } from "@playwright/test";

/**
 * Browser specs talk to the page through this object, as a person would (labels, buttons, the editor), in the
 * style of vercel/ai-chatbot's tests/pages/chat.ts. The upstream helper reads what the test provider received.
 */

export const UPSTREAM_URL = `http://127.0.0.1:${process.env.E2E_UPSTREAM_PORT ?? 4100}`;
export const TEST_KEY = "sk-test-MARKER-1234567890";

export interface RecordedRequest {
  id: number;
  path: string;
  headers: Record<string, string>;
  body: { model?: string; messages?: Array<Record<string, unknown>> } & Record<string, unknown>;
}

/** Recorded requests are shared by parallel workers: specs find theirs by a unique text they typed. */
export class Upstream {
  constructor(private readonly request: APIRequestContext) {}

  async requests(): Promise<RecordedRequest[]> {
    const response = await this.request.get(`${UPSTREAM_URL}/__requests`);
    return (await response.json()) as RecordedRequest[];
  }

  async requestsContaining(marker: string): Promise<RecordedRequest[]> {
    return (await this.requests()).filter((record) => JSON.stringify(record.body ?? "").includes(marker));
  }

  async eventsFor(requestId: number): Promise<string[]> {
    const response = await this.request.get(`${UPSTREAM_URL}/__events`);
    const events = (await response.json()) as { requestId: number; type: string }[];
    return events.filter((event) => event.requestId === requestId).map((event) => event.type);
  }
}

export class PlaygroundPage {
  constructor(readonly page: Page) {}

  get runButton() {
    return this.page.getByTestId("run-button");
  }
  get stopButton() {
    return this.page.getByTestId("stop-button");
  }
  get transcript() {
    return this.page.getByTestId("transcript-text");
  }
  get runStatus() {
    return this.page.getByTestId("run-status");
  }
  get runError() {
    return this.page.getByTestId("run-error");
  }
  get providerSelect() {
    return this.page.getByTestId("provider-select");
  }
  get modelInput() {
    return this.page.getByTestId("model-input");
  }
  get jsonEditor() {
    return this.page.getByTestId("json-editor");
  }
  get jsonErrors() {
    return this.page.getByTestId("json-errors");
  }
  metric(name: string): Locator {
    return this.page.getByTestId(`metric-${name}`);
  }
  messageContent(index: number): Locator {
    return this.page.getByTestId(`message-content-${index}`);
  }
  messageRole(index: number): Locator {
    return this.page.getByTestId(`message-role-${index}`);
  }

  async goto() {
    await this.page.goto("/");
    await expect(this.page.getByTestId("request-form")).toBeVisible();
    // Monaco is lazy: wait until it shows the request.
    await expect(this.jsonEditor.locator(".view-lines")).toContainText("llm_configuration");
  }

  async chooseModel(provider: string, model: string) {
    await this.providerSelect.selectOption(provider);
    await this.modelInput.fill(model);
  }

  async setMessage(index: number, text: string) {
    await this.messageContent(index).fill(text);
  }

  async setTemperature(value: number) {
    await this.page.getByTestId("param-temp").fill(String(value));
  }

  async setKey(provider: string, key: string, options: { remember?: boolean } = {}) {
    await this.page.getByTestId("keys-button").click();
    const dialog = this.page.getByTestId("keys-dialog");
    await expect(dialog).toBeVisible();
    if (options.remember) await dialog.getByTestId("remember-keys").check();
    await dialog.getByTestId(`key-input-${provider}`).fill(key);
    await dialog.getByTestId("keys-done").click();
    await expect(dialog).toBeHidden();
  }

  /** Clicks Run and waits until that run has started (a fast run may already have ended). */
  async run() {
    const before = (await this.runStatus.getAttribute("data-run-started")) ?? "";
    await this.runButton.click();
    await expect(this.runStatus).not.toHaveAttribute("data-run-started", before);
  }

  async waitForRunEnd(status: "done" | "error" | "stopped" = "done") {
    await expect(this.runStatus).toHaveAttribute("data-status", status);
  }

  /** The editor's visible text (Monaco renders spaces as NBSP). The viewport must be tall enough to show it all. */
  async jsonText(): Promise<string> {
    return this.jsonEditor.locator(".view-lines").evaluate((element) =>
      // Monaco recycles line elements, so DOM order is not line order: sort by position.
      [...element.querySelectorAll<HTMLElement>(".view-line")]
        .sort((a, b) => Number.parseFloat(a.style.top) - Number.parseFloat(b.style.top))
        .map((line) => (line.textContent ?? "").replace(/\u00a0/g, " "))
        .join("\n"),
    );
  }

  /** Replaces the editor's text with one compact line (multi-line typing gets auto-indented and auto-closed). */
  async replaceJson(compact: string) {
    await this.jsonEditor.locator(".view-lines").click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Delete");
    await this.page.keyboard.insertText(compact);
  }

  /** Collects the transcript's distinct lengths, frame by frame, until the run ends (read in the page itself). */
  async transcriptLengthsUntilDone(): Promise<number[]> {
    return this.page.evaluate(async () => {
      const lengths: number[] = [];
      const status = () => document.querySelector('[data-testid="run-status"]')?.getAttribute("data-status");
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const length = document.querySelector('[data-testid="transcript-text"]')?.textContent?.length ?? 0;
        if (length !== lengths.at(-1)) lengths.push(length);
        if (status() !== "running") break;
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      return lengths;
    });
  }

  async exportJson(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByTestId("export-json").click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  /** Share → (the key warning, when asked to confirm it) → the link as the dialog shows it. */
  async shareLink(options: { confirmKeyWarning?: boolean } = {}): Promise<string> {
    await this.page.getByTestId("share-button").click();
    if (options.confirmKeyWarning) {
      await expect(this.page.getByTestId("share-key-warning")).toBeVisible();
      await this.page.getByTestId("share-key-warning-continue").click();
    }
    const link = this.page.getByTestId("share-link");
    await expect(link).toHaveValue(/#r1=/);
    return link.inputValue();
  }

  /** The exported code of one kind (curl, python, fetch, provider-sdk), read from the Code dialog. */
  async exportedCode(kind: "curl" | "python" | "fetch" | "provider-sdk"): Promise<string> {
    await this.page.getByTestId("export-code-button").click();
    await this.page.getByTestId(`export-tab-${kind}`).click();
    const code = this.page.getByTestId("export-code");
    await expect(code).toHaveAttribute("data-kind", kind);
    const text = (await code.textContent()) ?? "";
    await this.page.getByTestId("export-dialog-close").click();
    return text;
  }

  /** Pastes into the Import dialog; `apply` replaces the form (otherwise the dialog stays open on its summary). */
  async importText(text: string, options: { apply?: boolean } = { apply: true }) {
    await this.page.getByTestId("import-button").click();
    await this.page.getByTestId("import-input").fill(text);
    if (options.apply) {
      await this.page.getByTestId("import-apply").click();
      await expect(this.page.getByTestId("import-dialog")).toBeHidden();
    }
  }

  async localStorageDump(): Promise<Record<string, string>> {
    return this.page.evaluate(() => {
      const entries: Record<string, string> = {};
      for (let index = 0; index < localStorage.length; index++) {
        const key = localStorage.key(index) as string;
        entries[key] = localStorage.getItem(key) ?? "";
      }
      return entries;
    });
  }
}

/** The compare view: columns by index, each with its own settings, Run/Stop, output, diff and metrics. */
export class ComparePage {
  constructor(readonly page: Page) {}

  column(index: number): Locator {
    return this.page.getByTestId(`compare-column-${index}`);
  }
  output(index: number): Locator {
    return this.page.getByTestId(`compare-output-${index}`);
  }
  get columns(): Locator {
    return this.page.getByTestId(/^compare-column-\d+$/);
  }

  async goto(path = "/compare") {
    await this.page.goto(path);
    await expect(this.column(0)).toBeVisible();
  }

  async setKey(provider: string, key: string) {
    await this.page.getByTestId("keys-button").click();
    await this.page.getByTestId(`key-input-${provider}`).fill(key);
    await this.page.getByTestId("keys-done").click();
    await expect(this.page.getByTestId("keys-dialog")).toBeHidden();
  }

  async setColumn(index: number, provider: string, model: string) {
    await this.page.getByTestId(`compare-provider-${index}`).selectOption(provider);
    await this.page.getByTestId(`compare-model-${index}`).fill(model);
  }

  async addColumns(count: number) {
    for (let i = 0; i < count; i++) await this.page.getByTestId("compare-add-column").click();
  }

  async waitForStatus(index: number, status: "done" | "stopped" | "error" | "running") {
    await expect(this.column(index)).toHaveAttribute("data-status", status);
  }
}

/** A marker unique to one test, typed into a message so its upstream requests can be found. */
export function uniqueMarker(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export const test = base.extend<{ playground: PlaygroundPage; upstream: Upstream }>({
  playground: async ({ page }, use) => {
    const playground = new PlaygroundPage(page);
    await playground.goto();
    await use(playground);
  },
  upstream: async ({ request }, use) => {
    await use(new Upstream(request));
  },
});

export { expect };
