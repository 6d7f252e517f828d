// The match index's upkeep between requests (a compaction, its columns growing) goes a step
// per turn of the event loop, each step ending after a few milliseconds whatever is left.
//
// A turn runs everything that is ready: first the pages of writes whose reads came back,
// then the steps waiting for a turn. A compaction's step, a growth's step and a page of
// writes all in one turn added up to 30 ms and more at a million candidates. So steps take
// turns one at a time, and a step that finds writes applied in its turn waits for the next,
// but not twice in a row: in a burst, writes are applied nearly every turn, and the upkeep
// must keep up with them (columns or lists that run out of room before their growth is over
// grow at once).

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long a step goes on in its turn: the rest of the turn is for requests. */
const STEP_MS = 4;
/**
 * Work (slots, entries) done between two looks at the clock: a fraction of a millisecond,
 * most of it spent touching fresh memory for the first time (4,096 slots of the columns
 * fill 172 KB).
 */
const PIECE = 1 << 12;

export class Pacer {
  /** settled when the last step that asked for a turn has had it */
  private queue: Promise<void> = Promise.resolve();
  /** whether writes were applied since a step last had its turn */
  private written = false;

  /**
   * Calls `advance` a step per turn until it answers that nothing is left; each step gives it
   * `piece` of work at a time until the step's time, or `slice` of work, is up. What is
   * advanced takes no notice of where a turn ends: a write may come between any two calls.
   */
  async run(slice: number, advance: (piece: number) => boolean): Promise<void> {
    const piece = Math.min(PIECE, slice);
    for (;;) {
      const deadline = await this.turn();
      for (let work = 0; work < slice; work += piece) {
        if (work > 0 && performance.now() >= deadline) break;
        if (!advance(piece)) return;
      }
    }
  }

  /** Notes that writes were applied in this turn. */
  wrote(): void {
    this.written = true;
  }

  /**
   * Resolves in a later turn than any step before, with the time (`performance.now()`) by
   * which the step taken then is to end. The step runs at once when this resolves.
   */
  async turn(): Promise<number> {
    const before = this.queue;
    let taken!: () => void;
    this.queue = new Promise<void>((resolve) => (taken = resolve));
    await before;
    await nextTurn();
    if (this.written) {
      this.written = false;
      await nextTurn();
    }
    this.written = false;
    taken();
    return performance.now() + STEP_MS;
  }
}
