import { DataSource } from 'typeorm';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';

const code = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.code ?? 'OK';

const nested = (depth: number) => {
  let selection = 'slug';
  for (let i = 0; i < depth; i++) selection = `parent { ${selection} }`;
  return `{ skill(slug: "django") { ${selection} } }`;
};

describe('limits enforced before execution', () => {
  let db: DataSource;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    server = await createTestServer(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it('refuses documents nested deeper than 10 levels of fields', async () => {
    // skill, 8 parents and slug: 10 levels
    expect(code(await server.execute(nested(8)))).toBe('OK');
    const deep = await server.execute(nested(9));
    expect(code(deep)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(deep.errors![0].message).toMatch(/depth 11/);
  });

  it('refuses more than 30 aliases', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: skill(slug: "git") { slug }`).join(' ')} }`;
    expect(code(await server.execute(aliases(30)))).toBe('OK');
    const many = await server.execute(aliases(31));
    expect(many.errors![0].message).toMatch(/aliases/);
  });

  it('lets 50 postings with skills, parents and courses through the cost budget, but not lists nested four deep', async () => {
    const fits = await server.execute(
      `{ jobPostings(first: 50) { edges { node { title skills { skill { slug parent { slug } courses(first: 5) { edges { node { title } } } } } } } } }`,
    );
    expect(code(fits)).toBe('OK');
    const tooMuch = await server.execute(
      `{ skills(first: 100) { edges { node { children(first: 100) { edges { node { courses(first: 100) { edges { node { title } } } } } } } } } }`,
    );
    expect(code(tooMuch)).toBe('QUERY_TOO_COMPLEX');
    expect(tooMuch.errors![0].extensions).toMatchObject({ limit: 50000 });
  });

  it('costs one document by the value its `last` variable takes', async () => {
    const document = `query ($last: Int) { skills(last: $last) { nodes { children(last: 100) { nodes {
      courses(last: 100) { nodes { title } } } } } } }`;
    expect(code(await server.execute(document, { last: 1 }))).toBe('OK');
    expect(code(await server.execute(document, { last: 100 }))).toBe('QUERY_TOO_COMPLEX');
  });

  it('reports an out-of-range first as BAD_USER_INPUT, not as cost', async () => {
    expect(code(await server.execute(`{ skills(first: 5000) { totalCount } }`))).toBe('BAD_USER_INPUT');
  });

  it('exempts introspection from depth and cost limits', async () => {
    const introspection = await server.execute(
      `{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name ofType { name } } } } } } } } }`,
    );
    expect(code(introspection)).toBe('OK');
  });

  it('rate-limits log-in attempts per e-mail, saying when to retry', async () => {
    const attempt = () =>
      server.execute(
        `mutation { logIn(input: { email: "target@example.com", password: "wrong password" }) { userErrors { code } } }`,
      );
    const answers: unknown[] = [];
    for (let i = 0; i < 10; i++) answers.push((await attempt()).data);
    expect(answers).toEqual(Array(10).fill({ logIn: { userErrors: [{ code: 'INVALID_CREDENTIALS' }] } }));
    const limited = await attempt();
    expect(code(limited)).toBe('RATE_LIMITED');
    expect(limited.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
  });
});
