import 'reflect-metadata';
import { jwtSecretOf } from './account/secret';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './database';
import { createApp } from './server';

async function main(): Promise<void> {
  const loaded = loadConfig();
  // The secret first: a start refused for want of one must not have migrated anything.
  const config = { ...loaded, jwtSecret: jwtSecretOf(loaded) };
  const db = await openDatabase(config);
  const app = await createApp(db, config);
  await new Promise<void>((resolve) => app.httpServer.listen(config.port, config.host, resolve));
  app.logger.info(
    `Skillgraph serving http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/graphql on ${config.databaseUrl ? 'MySQL' : 'the embedded database'}`,
  );

  const shutdown = async (signal: string) => {
    app.logger.info(`${signal} received, finishing in-flight requests`);
    app.beginShutdown();
    // Bounded: a request that hangs must not keep the process from exiting.
    const deadline = setTimeout(() => process.exit(1), 10000);
    await app.apollo.stop(); // stops accepting and drains the HTTP server
    await app.idle();
    await app.services.matchIndex.stop();
    await db.destroy();
    await app.services.store.close();
    clearTimeout(deadline);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
