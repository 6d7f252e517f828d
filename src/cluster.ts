import cluster, { Worker } from 'node:cluster';
import { Server } from 'node:http';
import { Logger } from 'pino';

// WORKERS above 1: a primary process that serves nothing itself, and that many workers on
// the one port (Node's cluster module hands each new connection to the next worker). Each
// worker is a whole Skillgraph, with its own pool, match index and change feed. The primary
// does what must happen once before they start (migrations, see main.ts, and the signing
// secret, handed to each worker over IPC rather than through its environment), replaces a
// worker that dies, and drains them all on SIGTERM or SIGINT. What workers must agree on
// lives outside them: rows in MySQL; rate limits, cost allowances and persisted queries in
// Redis (REDIS_URL).

/** What a worker and the primary say to each other over the cluster's IPC channel. */
type Message =
  { kind: 'secret?' } | { kind: 'secret'; jwtSecret: string } | { kind: 'cannot start'; line: string };

export const isWorker = cluster.isWorker;

/** The first worker forked (a worker forked again to replace it is not). */
export function isFirstWorker(): boolean {
  return cluster.worker?.id === 1;
}

/** The wait before a dead worker is replaced doubles from `first` while replacements keep dying. */
const RESTART_DELAY_MS = { first: 250, longest: 30_000 };
/** A worker that served this long before it died was not dying of its start: the wait begins afresh. */
const STEADY_MS = 60_000;
/** Each worker bounds its own drain at 10 s; this bounds the primary's wait for them all. */
const DRAIN_MS = 15_000;

export interface PrimaryOptions {
  workers: number;
  jwtSecret: string;
  logger: Logger;
  /** called once, when every worker has started to listen */
  onServing(): void;
}

/** Starts the workers and keeps them running until SIGTERM or SIGINT. */
export function runPrimary({ workers, jwtSecret, logger, onServing }: PrimaryOptions): void {
  const alive = new Set<Worker>();
  const restarts = new Set<NodeJS.Timeout>();
  let serving = 0;
  let wholeOnce = false;
  let failedStarts = 0;
  let stopping = false;
  let drainedCleanly = true;

  const fork = (previousDelayMs: number) => {
    const worker = cluster.fork();
    const forkedAt = Date.now();
    let listening = false;
    let cannotStart: string | undefined;
    alive.add(worker);
    worker.on('message', (message: Message) => {
      if (message.kind === 'secret?') worker.send({ kind: 'secret', jwtSecret } satisfies Message);
      else if (message.kind === 'cannot start') cannotStart = message.line;
    });
    worker.once('listening', () => {
      listening = true;
      failedStarts = 0;
      if (++serving === workers && !wholeOnce) {
        wholeOnce = true;
        onServing();
      }
    });
    worker.once('exit', (code, signal) => {
      alive.delete(worker);
      if (listening) serving--;
      if (stopping) {
        drainedCleanly &&= code === 0 || signal === 'SIGTERM';
        if (alive.size === 0) process.exit(drainedCleanly ? 0 : 1);
        return;
      }
      // Until every worker has served once, one that could not start is tried again quietly.
      // As many failures as workers (two at least) with none starting in between say the
      // cause is in the environment (a port in use): the primary gives up, as one process would.
      const startFailed = !wholeOnce && !listening;
      if (startFailed && ++failedStarts >= Math.max(2, workers)) {
        giveUp(
          cannotStart ?? `Cannot start: worker processes keep exiting at start (${signal ?? `code ${code}`})`,
        );
        return;
      }
      const steady = listening && Date.now() - forkedAt >= STEADY_MS;
      const delayMs = steady
        ? RESTART_DELAY_MS.first
        : Math.min(Math.max(2 * previousDelayMs, RESTART_DELAY_MS.first), RESTART_DELAY_MS.longest);
      if (!startFailed)
        logger.warn(
          `worker ${worker.process.pid} exited (${[signal ?? `code ${code}`, cannotStart].filter(Boolean).join(': ')}); starting another in ${delayMs} ms`,
        );
      const restart = setTimeout(() => {
        restarts.delete(restart);
        fork(delayMs);
      }, delayMs);
      restarts.add(restart);
    });
  };

  /** One line for all the workers that could not start (a port in use, ...), as a single process says it. */
  const giveUp = (line: string) => {
    stopping = true;
    console.error(line);
    for (const worker of alive) worker.process.kill('SIGKILL');
    process.exit(1);
  };

  const stop = (signal: string) => {
    // Once: a second Ctrl-C changes nothing here, but reaches the workers too and stops them at once.
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, draining ${alive.size} workers`);
    for (const restart of restarts) clearTimeout(restart);
    for (const worker of alive) worker.process.kill('SIGTERM');
    if (alive.size === 0) process.exit(0);
    setTimeout(() => {
      logger.error(`workers still running after ${DRAIN_MS} ms; stopping them`);
      for (const worker of alive) worker.process.kill('SIGKILL');
      process.exit(1);
    }, DRAIN_MS).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < workers; i++) fork(0);
}

/** In a worker: the signing secret, asked of the primary. */
export function secretFromPrimary(): Promise<string> {
  return new Promise((resolve) => {
    const answer = (message: Message) => {
      if (message.kind !== 'secret') return;
      process.off('message', answer);
      resolve(message.jwtSecret);
    };
    process.on('message', answer);
    process.send!({ kind: 'secret?' } satisfies Message);
  });
}

/** In a worker: why it cannot start, for the primary to say once for all of them. */
export function tellPrimaryCannotStart(line: string): Promise<void> {
  return new Promise((resolve) => {
    process.send!({ kind: 'cannot start', line } satisfies Message, () => resolve());
  });
}

/**
 * In a worker outside production: every answer names the process that served it
 * (`X-Worker-Pid`), so a developer or a test sees how requests spread. Production answers
 * say nothing of the processes behind them; its log lines carry the pid.
 */
export function nameWorkerInAnswers(server: Server): void {
  server.prependListener('request', (_request, response) => {
    response.setHeader('x-worker-pid', String(process.pid));
  });
}
