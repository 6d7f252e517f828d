// How the process keeps what it holds of the database current. Four things hold copies of
// database state between requests: the skill catalogue, the course catalogue, the open
// postings and the match index. Each is a `Refreshable`; the composition root (context.ts)
// says, in one place, which are checked on use by the request that reads them and which a
// `RefreshLoop` refreshes every second.

/** A copy of database state held by the process. */
export interface Refreshable {
  /** Brings the copy up to date with every write committed before this call. */
  refresh(): Promise<unknown>;
}

/** Where a refresh loop says that it fails and that it recovered: the service's logger. */
export interface RefreshLog {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
}

/**
 * Refreshes its targets, one after the other, every `intervalMs` once started. A round that
 * fails is tried again at the next tick; the log hears once when rounds start failing and
 * once when they work again, not every second.
 */
export class RefreshLoop implements Refreshable {
  private timer: NodeJS.Timeout | null = null;
  private rounds = new Set<Promise<void>>();
  private failing = false;

  /** `name` opens its log lines ("<name> failing; retrying every poll"). */
  constructor(
    private readonly name: string,
    private readonly targets: readonly Refreshable[],
  ) {}

  /** One round: every target, in order. */
  async refresh(): Promise<void> {
    for (const target of this.targets) await target.refresh();
  }

  start(log: RefreshLog, intervalMs = 1000): void {
    this.timer ??= setInterval(() => {
      const round = this.refresh().then(
        () => {
          if (!this.failing) return;
          this.failing = false;
          log.info({}, `${this.name} recovered`);
        },
        (error: unknown) => {
          if (this.failing) return;
          this.failing = true;
          log.warn({ error: describe(error) }, `${this.name} failing; retrying every poll`);
        },
      );
      this.rounds.add(round);
      void round.finally(() => this.rounds.delete(round));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the loop; resolves once a round under way has finished, so the pool can close under none. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.rounds);
  }
}

/** What a failed round says in the log: the error's kind, never a statement or its parameters. */
function describe(error: unknown): { class: string; code?: string } {
  const e = error as { constructor?: { name?: string }; code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return { class: e?.constructor?.name ?? typeof error, ...(typeof code === 'string' ? { code } : {}) };
}
