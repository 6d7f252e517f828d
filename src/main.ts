import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { jwtSecretOf } from './account/secret';
import { Config, ConfigError, loadConfig } from './config';
import { embeddedDatabaseFile, openDatabase } from './database';
import { createApp } from './server';

/** A start refused for what the environment gives it: printed as one line, exit status 1. */
class StartError extends Error {}

async function main(): Promise<void> {
  const loaded = loadConfig();
  // The secret first: a start refused for want of one must not have migrated anything.
  const config = { ...loaded, jwtSecret: jwtSecretOf(loaded) };
  const databaseFile = embeddedDatabaseFile(config);
  const firstStart = !config.databaseUrl && !existsSync(databaseFile);
  const db = await openDatabase(config).catch((error: unknown) => {
    throw new StartError(`cannot open ${databaseName(config, databaseFile)}: ${reasonOf(error)}`);
  });
  const app = await createApp(db, config);
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
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/graphql`;
  app.logger.info(`Skillgraph serving ${url} on ${databaseName(config, databaseFile)}`);
  if (firstStart) {
    app.logger.info(
      `First start: created ${databaseFile} with the reference and demo data. Open ${url} in a browser${config.explorer ? '' : ' (with EXPLORER=1)'} and sign in with the logIn mutation as recruiter@example.com / demo-recruiter-password or learner@example.com / demo-learner-password`,
    );
  }

  const shutdown = async (signal: string) => {
    app.logger.info(`${signal} received, finishing in-flight requests`);
    // Bounded: a request that hangs must not keep the process from exiting.
    const deadline = setTimeout(() => process.exit(1), 10000);
    await app.close();
    await db.destroy();
    clearTimeout(deadline);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

/** The database named for a person: the file, or DATABASE_URL without its password. */
function databaseName(config: Config, databaseFile: string): string {
  if (!config.databaseUrl) return `the embedded database ${databaseFile}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `DATABASE_URL ${url.href}`;
}

function reasonOf(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return [code, message?.split('\n')[0]].filter(Boolean).join(': ') || String(error);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
  else if (error instanceof StartError) console.error(`Cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
