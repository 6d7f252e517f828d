import { DataSource } from 'typeorm';
import { Role } from '../../src/access/role';
import { loadConfig } from '../../src/config';
import { App, createApp } from '../../src/server';
import { createTestDatabase } from '../helpers/test-db';
import { listen, postGraphQL, stopApp } from '../helpers/http-app';
import { signedIn, TEST_JWT_SECRET } from '../helpers/sessions';

// importRecords over HTTP: a body of megabytes is read for the roles that may import, and
// refused at 1 MB for everyone else.

const IMPORT = `mutation Import($input: ImportRecordsInput!) {
  importRecords(input: $input) { report { created updated unchanged rejected } userErrors { code } }
}`;

/** About 1.5 MB of JSONL: 10,000 candidates. */
const data = Array.from({ length: 10_000 }, (_, i) =>
  JSON.stringify({
    type: 'candidate',
    externalId: `H-${i}`,
    displayName: `Http Candidate ${i}`,
    email: `http${i}@example.com`,
    skills: [{ skill: 'python', level: 3 }],
  }),
).join('\n');

describe('importRecords over HTTP', () => {
  let db: DataSource;
  let app: App;
  let base: string;

  const send = async (role: Role | null) =>
    postGraphQL(
      base,
      { query: IMPORT, variables: { input: { type: 'CANDIDATE', format: 'JSONL', data, dryRun: true } } },
      role ? { authorization: `Bearer ${(await signedIn(db, app.services, { role })).token}` } : {},
    );

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    app = await createApp(db, { ...loadConfig({}), nodeEnv: 'test', jwtSecret: TEST_JWT_SECRET });
    base = await listen(app);
  });
  afterAll(async () => {
    await stopApp(app);
    await db?.destroy();
  });

  it('reads a body of megabytes from an administrator', async () => {
    expect(data.length).toBeGreaterThan(1_000_000);
    const response = await send(Role.ADMIN);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { importRecords: unknown } }).data.importRecords).toEqual({
      report: { created: 10_000, updated: 0, unchanged: 0, rejected: 0 },
      userErrors: [],
    });
  });

  it('refuses it at 1 MB from a learner or an anonymous client', async () => {
    for (const role of [Role.LEARNER, null]) {
      const response = await send(role);
      expect(response.status).toBe(413);
      expect(
        ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
      ).toBe('BAD_REQUEST');
    }
  });
});
