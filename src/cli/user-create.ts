import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { createDataSource, serverFlavourUrl } from '../../ormconfig';
import { Role } from '../account/account.entity';
import { createUser } from '../account/account.service';
import { loadConfig } from '../config';

// npm run user:create -- --email admin@example.com --role ADMIN [--name "Ada Admin"]
// The password comes from SKILLGRAPH_PASSWORD, or is asked for at the prompt. This
// is the only way to create an administrator: sign-up never does.

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string', default: 'ADMIN' },
      name: { type: 'string' },
    },
  });
  const role = values.role as Role;
  if (!values.email || !Object.values(Role).includes(role)) {
    throw new Error(
      'usage: npm run user:create -- --email EMAIL --role ADMIN|RECRUITER|LEARNER [--name NAME]',
    );
  }
  const config = loadConfig();
  const password = config.adminPassword ?? (await ask('Password (at least 10 characters): '));
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
  const databaseUrl = config.databaseUrl && (await serverFlavourUrl(config.databaseUrl));
  const db = await createDataSource({ databaseUrl }).initialize();
  try {
    const user = await createUser(db, {
      email: values.email,
      password,
      displayName: values.name ?? values.email,
      role,
    });
    console.log(`created ${user.role} ${user.email} (id ${user.id})`);
  } finally {
    await db.destroy();
  }
}

async function ask(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await prompt.question(question)).trim();
  } finally {
    prompt.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
