// The heap a ranking keeps its page in: only `size + 1` entries, however many candidates pass.

export interface RankedCandidate {
  id: number;
  score: number;
}

/**
 * Keeps the `capacity` best-ranked entries seen (score descending, id ascending), or with
 * `worst` the worst-ranked ones, for a page read from the end of a ranking.
 */
export class RankHeap {
  // A binary heap whose root is the entry kept that is the first to give way, so it can be replaced cheaply.
  private items: RankedCandidate[] = [];
  private readonly better: (a: RankedCandidate, b: RankedCandidate) => boolean;

  constructor(
    private readonly capacity: number,
    private readonly worst = false,
  ) {
    this.better = worst ? (a, b) => better(b, a) : better;
  }

  offer(id: number, score: number): void {
    if (this.items.length < this.capacity) {
      this.items.push({ id, score });
      this.up(this.items.length - 1);
      return;
    }
    const root = this.items[0];
    // Compared field by field: most offers are turned away, and they allocate nothing.
    const ranksAbove = score > root.score || (score === root.score && id < root.id);
    const ranksBelow = score < root.score || (score === root.score && id > root.id);
    if (this.capacity > 0 && (this.worst ? ranksBelow : ranksAbove)) {
      this.items[0] = { id, score };
      this.down(0);
    }
  }

  /** The score an entry must reach (or tie with a lower id) to be kept; null while there is room. */
  floor(): number | null {
    return this.last()?.score ?? null;
  }

  /** The entry kept that gives way first, which an entry must outrank to be kept; null while there is room. */
  last(): RankedCandidate | null {
    return this.capacity > 0 && this.items.length === this.capacity ? this.items[0] : null;
  }

  sorted(): RankedCandidate[] {
    return [...this.items].sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(this.items[parent], this.items[i])) break;
      [this.items[parent], this.items[i]] = [this.items[i], this.items[parent]];
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let next = i;
      if (l < this.items.length && this.better(this.items[next], this.items[l])) next = l;
      if (r < this.items.length && this.better(this.items[next], this.items[r])) next = r;
      if (next === i) return;
      [this.items[next], this.items[i]] = [this.items[i], this.items[next]];
      i = next;
    }
  }
}

function better(a: RankedCandidate, b: RankedCandidate): boolean {
  return a.score > b.score || (a.score === b.score && a.id < b.id);
}
