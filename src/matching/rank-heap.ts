// The heap a ranking keeps its page in: only `first + 1` entries, however many candidates pass.

export interface RankedCandidate {
  id: number;
  score: number;
}

/** Keeps the `capacity` best-ranked entries seen (score descending, id ascending). */
export class RankHeap {
  // A binary heap whose root is the worst entry kept, so it can be replaced cheaply.
  private items: RankedCandidate[] = [];

  constructor(private readonly capacity: number) {}

  offer(id: number, score: number): void {
    if (this.items.length < this.capacity) {
      this.items.push({ id, score });
      this.up(this.items.length - 1);
      return;
    }
    const worst = this.items[0];
    // Compared field by field: most offers are turned away, and they allocate nothing.
    if (this.capacity > 0 && (score > worst.score || (score === worst.score && id < worst.id))) {
      this.items[0] = { id, score };
      this.down(0);
    }
  }

  /** The score an entry must reach (or tie with a lower id) to be kept; null while there is room. */
  floor(): number | null {
    return this.capacity > 0 && this.items.length === this.capacity ? this.items[0].score : null;
  }

  sorted(): RankedCandidate[] {
    return [...this.items].sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!better(this.items[parent], this.items[i])) break;
      [this.items[parent], this.items[i]] = [this.items[i], this.items[parent]];
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < this.items.length && better(this.items[worst], this.items[l])) worst = l;
      if (r < this.items.length && better(this.items[worst], this.items[r])) worst = r;
      if (worst === i) return;
      [this.items[worst], this.items[i]] = [this.items[i], this.items[worst]];
      i = worst;
    }
  }
}

function better(a: RankedCandidate, b: RankedCandidate): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}
