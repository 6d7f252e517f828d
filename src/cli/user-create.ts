import 'reflect-metadata';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Role } from '../access/role';
import { AccountService } from '../account/account.service';
import { jwtSecretOf } from '../account/secret';
import { Sessions } from '../account/sessions';
import { loadConfig } from '../config';
import { openDatabase } from '../database';
import { failureLine } from './command';
import { globalId } from '../common/id';

// The only way to create an administrator: sign-up never does. A learner gets a candidate
// profile and a recruiter a new company, through the same code as sign-up.

const USAGE = `usage: npm run user:create -- --email EMAIL --role ADMIN|RECRUITER|LEARNER [--name NAME] [--company NAME]

  --email EMAIL     the account's e-mail address
  --role ROLE       ADMIN, RECRUITER or LEARNER
  --name NAME       the name shown for the account (default: the e-mail address)
  --company NAME    a RECRUITER's company, created with the account (required for RECRUITER)
  --help            print this help

The password comes from SKILLGRAPH_PASSWORD, or is asked for at a prompt that does not echo it
(or read as one line from standard input). Nothing is created when any check fails.`;

/** A refusal of the command: printed as one line, exit status 1. */
class Refused extends Error {}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        company: { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new Refused(`${(error as Error).message}; see --help`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.email) throw new Refused('--email is required; see --help');
  const role = values.role?.toUpperCase() as Role | undefined;
  if (!role || !Object.values(Role).includes(role)) {
    throw new Refused('--role must be ADMIN, RECRUITER or LEARNER; see --help');
  }
  if (role === Role.RECRUITER && !values.company) throw new Refused('a RECRUITER needs --company NAME');
  if (role !== Role.RECRUITER && values.company) throw new Refused('--company is for a RECRUITER only');

  const config = loadConfig();
  const password = config.adminPassword ?? (await askHidden('Password (at least 10 characters): '));
  const db = await openDatabase(config, 'as-is');
  try {
    const sessions = new Sessions(db, { ...config, jwtSecret: jwtSecretOf(config) });
    const user = await new AccountService(db, sessions).createUser({
      email: values.email,
      password,
      displayName: values.name ?? values.email,
      role,
      companyName: values.company,
    });
    // The ids the API knows them by.
    const extra = user.candidateId
      ? `, candidate profile ${globalId('Candidate', user.candidateId)}`
      : user.companyId
        ? `, company ${globalId('Company', user.companyId)}`
        : '';
    console.log(`created ${user.role} ${user.email} (user ${globalId('User', user.id)}${extra})`);
  } finally {
    await db.destroy();
  }
}

/** One line from standard input; what is typed at a terminal is not shown. */
function askHidden(question: string): Promise<string> {
  const terminal = Boolean(process.stdin.isTTY);
  if (terminal) process.stdout.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const prompt = createInterface({ input: process.stdin, output: silent, terminal });
  return new Promise<string>((resolve, reject) => {
    prompt.once('line', (line) => {
      if (terminal) process.stdout.write('\n');
      resolve(line.trim());
      prompt.close();
    });
    prompt.once('close', () =>
      reject(new Refused('no password: standard input closed (set SKILLGRAPH_PASSWORD or type it)')),
    );
  });
}

main().catch((error: unknown) => {
  console.error(`user:create: ${failureLine(error)}; nothing was created`);
  process.exit(1);
});
