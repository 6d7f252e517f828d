import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../../src/access/role';
import { loadConfig } from '../../src/config';
import { Services } from '../../src/context';
import { App, createApp } from '../../src/server';
import { listen, postGraphQL, stopApp } from '../../tests/helpers/http-app';
import { signedIn } from '../../tests/helpers/sessions';
import { createTestDatabase } from '../../tests/helpers/test-db';

const WEB = resolve(__dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, 'artifacts');

/** Builds web/ as `npm start` does, so the browser sees the code under test; quiet unless it fails. */
export function buildWebApp(): void {
  try {
    execFileSync('npm', ['run', 'build'], { cwd: WEB, stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`web build failed:\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
  }
}

export interface Served {
  base: string;
  db: DataSource;
  services: Services;
  stop(): Promise<void>;
}

/** The real service, on the test database with the demo data, on a loopback port. */
export async function startServer(): Promise<Served> {
  const db = await createTestDatabase('demo');
  let app: App | undefined;
  try {
    app = await createApp(db, { ...loadConfig({}), nodeEnv: 'test' });
    const base = await listen(app);
    return {
      base,
      db,
      services: app.services,
      stop: async () => {
        await stopApp(app);
        await db.destroy();
      },
    };
  } catch (error) {
    await stopApp(app);
    await db.destroy();
    throw error;
  }
}

/** Debian's chromium, headless, with a fresh profile and none of its calls home. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page that records every console error, uncaught exception and request to
 * another host (such requests are refused). `problems()` lists them.
 */
export async function openPage(
  context: BrowserContext,
  base: string,
): Promise<{ page: Page; problems: () => string[] }> {
  const problems: string[] = [];
  const host = new URL(base).host;
  await context.route(
    (url) => url.protocol !== 'data:' && url.host !== host,
    async (route) => {
      problems.push(`request to another host: ${route.request().url()}`);
      await route.abort();
    },
  );
  const page = await context.newPage();
  watch(page, problems);
  context.on('page', (p) => watch(p, problems));
  return { page, problems: () => [...problems] };
}

function watch(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
}

/** Runs a browser step and keeps a screenshot of the page when it fails. */
export async function keepingScreenshot(page: Page, name: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page
      .screenshot({ path: join(ARTIFACTS, `${name.replace(/[^\w-]+/g, '-')}.png`), fullPage: true })
      .catch(() => undefined);
    throw error;
  }
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it is now. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's content security policy does not govern.
  if (!(await page.evaluate<boolean>("typeof axe !== 'undefined'"))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>('axe.run().then((result) => result.violations)');
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

export async function signIn(page: Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('button', { name: /^Sign out/ }).waitFor();
}

export const RECRUITER = { email: 'recruiter@example.com', password: 'demo-recruiter-password' };
export const LEARNER = { email: 'learner@example.com', password: 'demo-learner-password' };

export type Account = typeof RECRUITER;

export interface SessionOptions {
  viewport?: { width: number; height: number };
  /** Signed in as the app keeps a session: this token in localStorage. */
  token?: string;
  /** A console error the test causes on purpose, such as the browser's note of a 401. */
  expectedConsole?: RegExp;
}

/** The built web app served by the real service on the demo data, and Debian's chromium to drive it. */
export interface WebAppUnderTest {
  base(): string;
  /** A fresh browser profile and page; fails on any console error or request to another host. */
  session(
    name: string,
    run: (page: Page, base: string) => Promise<void>,
    options?: SessionOptions,
  ): Promise<void>;
  /** A session token for a demo account, logged in once. */
  tokenFor(account: Account): Promise<string>;
  /** A token for a new account of its own: learners and recruiters sign up (a recruiter with a new company). */
  newAccount(role: 'LEARNER' | 'RECRUITER' | 'ADMIN', name: string): Promise<string>;
  /** A GraphQL request as a client sends it; answers `data`, failing on any error. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<T>;
}

/**
 * Builds the web app, starts the service and a browser before the file's tests, and stops
 * them after: one file drives the browser, so builds and databases never race.
 */
export function webAppUnderTest(): WebAppUnderTest {
  let served: Served;
  let browser: Browser;
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    buildWebApp();
    served = await startServer();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  const graphql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const response = await postGraphQL(
      served.base,
      { query, variables },
      token ? { authorization: `Bearer ${token}` } : {},
    );
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  };

  return {
    base: () => served.base,
    graphql,
    async session(name, run, { viewport = { width: 1280, height: 900 }, token, expectedConsole } = {}) {
      const context = await browser.newContext({
        viewport,
        storageState: token
          ? {
              cookies: [],
              origins: [{ origin: served.base, localStorage: [{ name: 'skillgraph.token', value: token }] }],
            }
          : undefined,
      });
      context.setDefaultTimeout(45_000);
      try {
        const { page, problems } = await openPage(context, served.base);
        await keepingScreenshot(page, name, async () => {
          await run(page, served.base);
          expect(problems().filter((p) => !expectedConsole?.test(p))).toEqual([]);
        });
      } finally {
        await context.close();
      }
    },
    async tokenFor(account) {
      if (!tokens.has(account.email)) {
        const data = await graphql('mutation($input: LogInInput!) { logIn(input: $input) { token } }', {
          input: { email: account.email, password: account.password },
        });
        tokens.set(account.email, data.logIn.token);
      }
      return tokens.get(account.email)!;
    },
    async newAccount(role, name) {
      if (role === 'ADMIN') return (await signedIn(served.db, served.services, { role: Role.ADMIN })).token;
      const slug = name.toLowerCase().replace(/\W+/g, '.');
      const input = {
        email: `${slug}@example.com`,
        password: 'a password for the browser tests',
        displayName: name,
        role,
        ...(role === 'RECRUITER' ? { companyName: `${name} Ltd` } : {}),
      };
      const data = await graphql('mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
        input,
      });
      return data.signUp.token;
    },
  };
}

export async function expectText(locator: Locator, pattern: RegExp): Promise<void> {
  expect(await locator.innerText()).toMatch(pattern);
}
