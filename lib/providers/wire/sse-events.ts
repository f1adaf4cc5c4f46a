/** One server-sent event: its `event:` name (or "message") and its joined `data:` lines. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * An incremental SSE splitter over decoded text. It returns every event completed by the text pushed so far, so a
 * caller can handle one TCP read's worth of events in one go (no stream hop, no promise per event).
 */
export class SseEventSplitter {
  private buffer = "";
  private event = "message";
  private data: string[] = [];

  push(text: string): SseEvent[] {
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const newline = this.buffer.indexOf("\n", start);
      if (newline < 0) break;
      const end = newline > start && this.buffer.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      this.line(this.buffer.slice(start, end), events);
      start = newline + 1;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string, events: SseEvent[]) {
    if (line === "") {
      if (this.data.length > 0) events.push({ event: this.event, data: this.data.join("\n") });
      this.event = "message";
      this.data = [];
    } else if (line.startsWith("data:")) {
      this.data.push(line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5));
    } else if (line.startsWith("event:")) {
      this.event = line.slice(line.charCodeAt(6) === 32 ? 7 : 6);
    }
    // `id:`, `retry:` and `:` comments carry nothing the providers use.
  }
}
