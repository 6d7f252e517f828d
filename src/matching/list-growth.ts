import { PostingList } from './index-storage';
import { Pacer } from './pacer';

// The long posting lists that writes have nearly filled, grown ahead of need a step per turn
// (see PostingList.growAhead and Pacer), one list after the other.

export class ListGrowth {
  private readonly due = new Set<PostingList>();
  private running: Promise<void> | null = null;

  /** `slice`: the most entries copied in one turn. */
  constructor(
    private readonly pacer: Pacer,
    private readonly slice: number,
  ) {}

  /** Whether lists are growing, or due to. */
  get busy(): boolean {
    return this.running !== null;
  }

  /** Resolves once no list is growing. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Grows the list ahead of need if it is due to (see `PostingList.growthDue`). */
  note(list: PostingList): void {
    if (!list.growthDue() || this.due.has(list)) return;
    this.due.add(list);
    this.start();
  }

  private start(): void {
    this.running ??= this.pacer
      .run(this.slice, (piece) => {
        const [list] = this.due;
        if (list && !list.growAhead(piece)) this.due.delete(list);
        return this.due.size > 0;
      })
      .then(() => {
        this.running = null;
        if (this.due.size > 0) this.start();
      });
  }

  /** Lets the lists go, grown or not: a compaction has put others in use, with room of their own. */
  forget(): void {
    this.due.clear();
  }
}
