import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config';
import { App, createApp } from '../../src/server';
import { listen, stopApp } from '../../tests/helpers/http-app';
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
