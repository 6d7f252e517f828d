import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import {
  isFirstWorker,
  isWorker,
  nameWorkerInAnswers,
  runPrimary,
  secretFromPrimary,
  tellPrimaryCannotStart,
} from './cluster';
import { Config, ConfigError, loadConfig } from './config';
import { embeddedDatabaseFile, Opening } from './database';

/** A start refused for what the environment gives it: printed as one line, exit status 1. */
class StartError extends Error {}

async function main(): Promise<void> {
  const loaded = loadConfig();
  // Loaded after the settings are checked: some of these read them as they load, and a bad
  // one must give its one line, not a stack trace from an import.
  const [{ jwtSecretOf }, { createLogger }] = await Promise.all([
    import('./account/secret'),
    import('./observability'),
  ]);
  if (isWorker) {
    // Every worker loads the saved match index; one saves it.
    const indexSnapshot = loaded.indexSnapshot && { ...loaded.indexSnapshot, save: isFirstWorker() };
    await serve({ ...loaded, indexSnapshot, jwtSecret: await secretFromPrimary() }, 'serve-migrated');
    return;
  }
  // The secret first: a start refused for want of one must not have migrated anything.
  const config = { ...loaded, jwtSecret: jwtSecretOf(loaded) };
  if (config.workers === 1) {
    await serve(config, 'serve');
    return;
  }
  // Migrated here, once, before any worker opens its pool.
  await (await open(config, 'serve')).destroy();
  const logger = createLogger(config, { buffered: false });
  runPrimary({
    workers: config.workers,
    jwtSecret: config.jwtSecret,
    logger,
    onServing: () =>
      logger.info(
        `Skillgraph serving ${urlOf(config)} on ${databaseName(config)} with ${config.workers} worker processes`,
      ),
  });
}

/** One process serving HTTP: the whole service, or one worker of a cluster. */
async function serve(config: Config & { jwtSecret: string }, opening: Opening): Promise<void> {
  const { createApp } = await import('./server');
  const firstStart = !config.databaseUrl && !existsSync(embeddedDatabaseFile(config));
  const db = await open(config, opening);
  const app = await createApp(db, config);
  if (isWorker && config.nodeEnv !== 'production') nameWorkerInAnswers(app.httpServer);
  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new StartError(
          error.code === 'EADDRINUSE'
            ? `PORT ${config.port} is already in use on ${config.host}`
            : `cannot listen on ${config.host}:${config.port} (HOST, PORT): ${reasonOf(error)}`,
        ),
      ),
    );
    app.httpServer.listen(config.port, config.host, resolve);
  });
  const url = urlOf(config);
  // A cluster's primary says it once for all of its workers.
  if (!isWorker) app.logger.info(`Skillgraph serving ${url} on ${databaseName(config)}`);
  if (firstStart) {
    app.logger.info(
      `First start: created ${embeddedDatabaseFile(config)} with the reference and demo data. Open ${url} in a browser${config.explorer ? '' : ' (with EXPLORER=1)'} and sign in with the logIn mutation as recruiter@example.com / demo-recruiter-password or learner@example.com / demo-learner-password`,
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return; // a worker hears Ctrl-C from the terminal, then SIGTERM from its primary
    stopping = true;
    app.logger.info(`${signal} received, finishing in-flight requests`);
    // Bounded: a request that hangs must not keep the process from exiting.
    const deadline = setTimeout(() => process.exit(1), 10000);
    await app.close();
    await db.destroy();
    clearTimeout(deadline);
    process.exit(0);
  };
  // Once each: a second Ctrl-C stops the process at once.
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

async function open(config: Config, opening: Opening): Promise<DataSource> {
  const { openDatabase } = await import('./database');
  return openDatabase(config, opening).catch((error: unknown) => {
    throw new StartError(`cannot open ${databaseName(config)}: ${reasonOf(error)}`);
  });
}

function urlOf(config: Config): string {
  return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/graphql`;
}

/** The database named for a person: the file, or DATABASE_URL without its password. */
function databaseName(config: Config): string {
  if (!config.databaseUrl) return `the embedded database ${embeddedDatabaseFile(config)}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `DATABASE_URL ${url.href}`;
}

function reasonOf(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return [code, message?.split('\n')[0]].filter(Boolean).join(': ') || String(error);
}

main().catch(async (error: unknown) => {
  const line =
    error instanceof ConfigError
      ? `Configuration error: ${error.message}`
      : error instanceof StartError
        ? `Cannot start: ${error.message}`
        : null;
  if (line === null) console.error(error);
  // Workers that cannot start all say the same: their primary prints it once.
  else if (isWorker) await tellPrimaryCannotStart(line);
  else console.error(line);
  process.exit(1);
});
