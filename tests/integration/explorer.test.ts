import { DataSource } from 'typeorm';
import { Config, loadConfig } from '../../src/config';
import { App } from '../../src/server';
import { createTestApp, listen, postGraphQL, stopApp } from '../helpers/http-app';
import { createTestDatabase } from '../helpers/test-db';

// GraphiQL at GET /graphql for a browser, served wholly by the service: no file from elsewhere.

describe('the GraphQL explorer', () => {
  let db: DataSource;
  const apps: App[] = [];

  async function start(config: Partial<Config>): Promise<string> {
    const app = await createTestApp(db, {
      ...loadConfig({}),
      jwtSecret: 'explorer-test-secret-long-enough-for-it',
      ...config,
    });
    apps.push(app);
    return listen(app);
  }

  const openInBrowser = (base: string) => fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });

  beforeAll(async () => {
    db = await createTestDatabase('reference');
  });
  afterAll(async () => {
    for (const app of apps) await stopApp(app);
    await db?.destroy();
  });

  it('serves GraphiQL to a browser, with every script and style from this service', async () => {
    const base = await start({ nodeEnv: 'development' });
    const page = await openInBrowser(base);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const references = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(references.length).toBeGreaterThanOrEqual(4);
    for (const reference of references) {
      const url = new URL(reference, `${base}/graphql`);
      expect(url.origin).toBe(base);
      const asset = await fetch(url);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript|css/);
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
    expect(references.some((r) => r.endsWith('graphiql.js'))).toBe(true);
  });

  it('still answers GraphQL over POST and over GET with a query', async () => {
    const base = await start({ nodeEnv: 'development' });
    expect(await (await postGraphQL(base, { query: '{ skill(slug: "git") { slug } }' })).json()).toEqual({
      data: { skill: { slug: 'git' } },
    });
    const get = await fetch(
      `${base}/graphql?query=${encodeURIComponent('{ skill(slug: "git") { slug } }')}`,
      {
        headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
      },
    );
    expect(await get.json()).toEqual({ data: { skill: { slug: 'git' } } });
  });

  it('serves no explorer in production unless EXPLORER=1', async () => {
    const closed = await start({ nodeEnv: 'production', explorer: false });
    const page = await openInBrowser(closed);
    expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect((await fetch(`${closed}/explorer/graphiql.js`)).status).toBe(404);

    const open = await start({ nodeEnv: 'production', explorer: true });
    expect(await (await openInBrowser(open)).text()).toContain('/explorer/graphiql.js');
  });
});
