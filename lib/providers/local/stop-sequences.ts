/**
 * Stop sequences applied to the streamed text (as OpenAI does: the output ends right before the first stop sequence,
 * which is not emitted). Text that may be the start of a stop sequence is held back until it is decided.
 * node-llama-cpp's own stop triggers work on tokens and lose the part of a token before the trigger ("▁Lily").
 */
export class StopSequenceFilter {
  private pending = "";
  private readonly stops: string[];
  stopped = false;

  constructor(
    stops: readonly string[] | undefined,
    private readonly emit: (text: string) => void,
  ) {
    this.stops = (stops ?? []).filter((stop) => stop.length > 0);
  }

  /** Adds generated text; returns true once a stop sequence has been found (generation should end). */
  push(text: string): boolean {
    if (this.stopped) return true;
    if (this.stops.length === 0) {
      this.emit(text);
      return false;
    }
    this.pending += text;
    let stopAt = -1;
    for (const stop of this.stops) {
      const index = this.pending.indexOf(stop);
      if (index >= 0 && (stopAt < 0 || index < stopAt)) stopAt = index;
    }
    if (stopAt >= 0) {
      this.stopped = true;
      this.emit(this.pending.slice(0, stopAt));
      this.pending = "";
      return true;
    }
    let hold = 0;
    for (const stop of this.stops) {
      for (let length = Math.min(stop.length - 1, this.pending.length); length > hold; length--) {
        if (this.pending.endsWith(stop.slice(0, length))) {
          hold = length;
          break;
        }
      }
    }
    this.emit(this.pending.slice(0, this.pending.length - hold));
    this.pending = this.pending.slice(this.pending.length - hold);
    return false;
  }

  /** The held-back text, once generation has ended without a stop sequence. */
  flush(): void {
    if (!this.stopped && this.pending) this.emit(this.pending);
    this.pending = "";
  }
}
