import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { DataSource, In } from 'typeorm';
import { User } from '../../src/account/account.entity';
import { Viewer } from '../../src/access/viewer';
import { serveWebApp } from '../../src/web';
import { demoAccounts } from '../../seeds/demo/accounts';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';

const ME = /* GraphQL */ `
  {
    me {
      email
      company {
        name
      }
      candidate {
        displayName
        email
      }
    }
  }
`;

describe('what the web app asks of the API', () => {
  let db: DataSource;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  async function viewerOf(email: string): Promise<Viewer> {
    const user = await db.getRepository(User).findOneByOrFail({ email });
    return { userId: user.id, role: user.role, companyId: user.companyId, candidateId: user.candidateId };
  }

  it('gives a recruiter their company and a learner their own profile, with no second lookup', async () => {
    expect(await server.execute(ME, {}, await viewerOf('recruiter@example.com'))).toEqual({
      data: {
        me: { email: 'recruiter@example.com', company: { name: 'Quarry Lane Software' }, candidate: null },
      },
    });
    expect(await server.execute(ME, {}, await viewerOf('learner@example.com'))).toEqual({
      data: {
        me: {
          email: 'learner@example.com',
          company: null,
          candidate: { displayName: 'Chloe Dubois', email: 'chloe.dubois@example.com' },
        },
      },
    });
  });

  it('says whether the demo accounts exist, so the sign-in page lists them only then', async () => {
    expect(await server.execute('{ demoDataLoaded }')).toEqual({ data: { demoDataLoaded: true } });
    await db.getRepository(User).delete({ email: In(demoAccounts.map((a) => a.email)) });
    expect(await server.execute('{ demoDataLoaded }')).toEqual({ data: { demoDataLoaded: false } });
  });
});

describe('serving the web app', () => {
  let root: string;
  let http: Server;
  let base: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'skillgraph-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'assets', 'main-abc123.js'), 'console.log(1)');
    const app = express();
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    serveWebApp(app, root);
    http = createServer(app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => http?.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  const page = (path: string) => fetch(`${base}${path}`, { headers: { accept: 'text/html' } });

  it('answers every page route with the app, never cached, allowing nothing from another host', async () => {
    for (const path of [
      '/',
      '/login',
      '/postings/Sm9iUG9zdGluZzoxMg==/candidates?remote=REMOTE',
      '/no/such/page',
    ]) {
      const response = await page(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('<!doctype html><title>app</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'self';/);
    }
  });

  it('serves hashed assets for a year, and a missing one as 404 rather than the app', async () => {
    const asset = await fetch(`${base}/assets/main-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/assets/gone-123.js`)).status).toBe(404);
  });

  it("leaves the API's paths, other methods and non-page requests alone", async () => {
    expect(await (await page('/healthz')).json()).toEqual({ status: 'ok' });
    for (const path of ['/graphql', '/readyz', '/metrics', '/graphql/anything']) {
      expect((await page(path)).status).toBe(404);
    }
    expect((await fetch(`${base}/`, { method: 'POST', headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await fetch(`${base}/login`, { headers: { accept: 'application/json' } })).status).toBe(404);
  });
});
