import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection, createConnection } from 'mysql2/promise';
import { loadTestConfig } from './test-config';

// A MariaDB server of the test's own, on a spare port with its own data directory,
// for tests that stop it, restart it or make it a replica: never the shared server.

const MARIADBD = process.env.MARIADBD ?? '/usr/sbin/mariadbd';
const INSTALL_DB = process.env.MARIADB_INSTALL_DB ?? '/usr/bin/mariadb-install-db';

/** Whether this machine can start MariaDB servers of its own. */
export function canStartMariaDb(): boolean {
  return existsSync(MARIADBD) && existsSync(INSTALL_DB);
}

/** `describe` where the tests can start MariaDB servers of their own (and always under REQUIRE_MYSQL=1, so CI fails rather than skips). */
export const describeWithOwnMariaDb =
  canStartMariaDb() || loadTestConfig().requireMysql ? describe : describe.skip;

export interface MariaDbOptions {
  /** unique per server taking part in replication */
  serverId?: number;
  /** write a binary log, so that a replica can follow this server */
  binlog?: boolean;
}

export class MariaDbInstance {
  private process: ChildProcess | null = null;

  private constructor(
    private readonly dir: string,
    readonly port: number,
    private readonly options: MariaDbOptions,
  ) {}

  /** Creates a data directory and starts the server on a free port. */
  static async start(options: MariaDbOptions = {}): Promise<MariaDbInstance> {
    const dir = await mkdtemp(join(tmpdir(), 'skillgraph-mariadb-'));
    // A temporary directory of its own: bootstraps that share /tmp collide on their temporary tables.
    await promisify(execFile)(INSTALL_DB, [
      '--no-defaults',
      `--datadir=${join(dir, 'data')}`,
      `--tmpdir=${dir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      '--user=root',
    ]);
    const instance = new MariaDbInstance(dir, await freePort(), options);
    await instance.resume();
    return instance;
  }

  /** `mysql://root@127.0.0.1:<port>/<database>` */
  url(database = ''): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }

  connect(): Promise<Connection> {
    return createConnection({ uri: this.url(), multipleStatements: true });
  }

  /** Starts the server (again) on the same port and data, and waits until it answers. */
  async resume(): Promise<void> {
    const { serverId = 1, binlog = false } = this.options;
    this.process = spawn(
      MARIADBD,
      [
        '--no-defaults',
        `--datadir=${join(this.dir, 'data')}`,
        `--socket=${join(this.dir, 'mariadb.sock')}`,
        `--pid-file=${join(this.dir, 'mariadb.pid')}`,
        `--tmpdir=${this.dir}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        '--user=root',
        '--innodb-buffer-pool-size=32M',
        '--skip-performance-schema',
        `--server-id=${serverId}`,
        ...(binlog ? [`--log-bin=${join(this.dir, 'binlog')}`, '--binlog-format=ROW'] : []),
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 30000;
    for (;;) {
      try {
        await (await this.connect()).end();
        return;
      } catch (error) {
        if (Date.now() > deadline || this.process.exitCode !== null) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  /** Stops the server as an outage would, and waits until its port is closed. */
  async halt(): Promise<void> {
    const running = this.process;
    this.process = null;
    if (!running || running.exitCode !== null) return;
    running.kill('SIGCONT');
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as on a hung host. */
  freeze(): void {
    this.process?.kill('SIGSTOP');
  }

  thaw(): void {
    this.process?.kill('SIGCONT');
  }

  /** Stops the server and deletes its data. */
  async destroy(): Promise<void> {
    await this.halt();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** A loopback port nothing listens on at the moment. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
