import { Page } from 'playwright-core';
import { globalId } from '../../src/common/id';
import { editingTests } from './editing';
import { accessibilityProblems, expectText, LEARNER, RECRUITER, signIn, webAppUnderTest } from './harness';

// The web app in Debian's chromium against the real service on the demo data.
// A browser on a busy two-core machine is slow: each test gets two minutes.
jest.setTimeout(120_000);
const app = webAppUnderTest();
const session = app.session;

// The demo's junior back-end posting, by the global id the API gives it (base64 of `JobPosting:1`).
const JUNIOR = globalId('JobPosting', 1);

const candidateCards = (page: Page) => page.locator('ol.ranked > li');

test('a recruiter signs in, ranks candidates, filters, pages and opens a breakdown', async () => {
  await session('recruiter-journey', async (page, base) => {
    await signIn(page, base, RECRUITER.email, RECRUITER.password);
    await page.getByRole('link', { name: 'Company' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quarry Lane Software' }).waitFor();
    await page.getByRole('link', { name: 'Ranked candidates for Junior Back-end Developer' }).click();
    await page.waitForURL(new RegExp(`/postings/${JUNIOR}/candidates$`));

    await page.getByRole('heading', { name: '31 candidates' }).waitFor();
    expect(await candidateCards(page).count()).toBe(10);
    // The API's order: best score first.
    await expectText(candidateCards(page).first(), /Priya Raman\s+87%/);

    await page.getByRole('checkbox', { name: 'Remote' }).check();
    await page.getByLabel('Minimum score (%)').fill('10');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/remote=REMOTE&minScore=10/);
    await page.getByRole('heading', { name: '13 candidates' }).waitFor();
    expect(await candidateCards(page).count()).toBe(10);
    for (let i = 0; i < 10; i++) {
      expect(await candidateCards(page).nth(i).locator('p.meta').first().innerText()).toContain('Remote');
    }

    await page.getByRole('button', { name: 'Show more candidates' }).click();
    await candidateCards(page).nth(12).waitFor();
    expect(await candidateCards(page).count()).toBe(13);
    await expect(page.getByRole('button', { name: 'Show more candidates' }).count()).resolves.toBe(0);

    const aisha = candidateCards(page).filter({ hasText: 'Aisha Bello' });
    await aisha.getByText('Skill breakdown').click();
    const sql = aisha.getByRole('meter', { name: 'SQL', exact: true });
    await sql.waitFor();
    // Partial credit, earned through a related skill.
    const credit = Number(await sql.getAttribute('value'));
    expect(credit).toBeGreaterThan(0);
    expect(credit).toBeLessThan(1);
    await expectText(
      aisha.locator('li.skill-meter').filter({ has: page.getByRole('meter', { name: 'SQL', exact: true }) }),
      /Required.*level asked \d, held none · via PostgreSQL/s,
    );
    expect(await aisha.getByRole('meter').count()).toBeGreaterThan(3);
  });
});

test('a learner signs in, sees their fit for a posting and opens the learning path', async () => {
  await session('learner-journey', async (page, base) => {
    await signIn(page, base, LEARNER.email, LEARNER.password);
    await page.goto(`${base}/postings/${JUNIOR}`);
    await page.getByRole('heading', { name: 'Your fit: 0%' }).waitFor();
    await page.getByRole('heading', { name: 'You are missing' }).waitFor();
    expect(await page.getByRole('meter', { name: 'Python' }).count()).toBe(1);

    await page.getByRole('link', { name: 'See the courses that close your gap' }).click();
    await page.waitForURL(new RegExp(`/postings/${JUNIOR}/path$`));
    await page.getByRole('heading', { name: 'Your gap' }).waitFor();
    const steps = page.locator('ol.steps > li');
    await steps.first().waitFor();
    await expectText(
      steps.first(),
      /^1\. .+\n+.+ · .+ · (\d+ hours|hours not published).* · (\$[\d,]+|price not published)·?\n+Adds: (.+, )?Python to level \d \(asked \d\)/,
    );

    await page.getByLabel('Weeks').fill('1');
    await page.getByRole('button', { name: 'Update path' }).click();
    await page.waitForURL(/weeks=1$/);
    await page.getByRole('heading', { name: /^\d+ courses?, covering \d+%$/ }).waitFor();
    await page
      .getByText('Raise the budget or the weeks', { exact: false })
      .or(steps.first())
      .first()
      .waitFor();
  });
});

test('a session survives a reload and a deep link in a new tab; /login still shows the form', async () => {
  await session('session', async (page, base) => {
    await page.goto(`${base}/postings/${JUNIOR}/candidates`);
    // Anonymous: sent to sign in, then back.
    await page.waitForURL(new RegExp(`/login\\?next=%2Fpostings%2F${JUNIOR}%2Fcandidates$`));
    // The demo data is loaded, so the sign-in page offers its accounts.
    await page.getByRole('heading', { name: 'Demo accounts' }).waitFor();
    await page.getByText(RECRUITER.password).waitFor();
    await page.getByLabel('Email').fill(RECRUITER.email);
    await page.getByLabel('Password').fill(RECRUITER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`/postings/${JUNIOR}/candidates$`));
    await candidateCards(page).first().waitFor();

    await page.reload();
    await candidateCards(page).first().waitFor();
    const tab = await page.context().newPage();
    await tab.goto(`${base}/postings/${JUNIOR}/candidates?remote=HYBRID`);
    await tab.getByRole('heading', { name: /^\d+ candidates$/ }).waitFor();

    await tab.goto(`${base}/login`);
    await tab.getByRole('button', { name: 'Sign in' }).waitFor();
    await tab.getByRole('button', { name: /^Sign out/ }).waitFor();
    await tab.getByRole('button', { name: /^Sign out/ }).click();
    await tab.getByRole('link', { name: 'Sign in' }).waitFor();
    // Signing out in one tab signs the other out as well: both read the same storage.
    await page.reload();
    await page.waitForURL(/\/login\?next=/);
  });
});

test("a link to a ranking asks for it once, before the app starts, and shows only the session's own", async () => {
  const recruiter = await app.tokenFor(RECRUITER);
  const rankings = (page: Page) => {
    const asked: string[] = [];
    page.on('request', (request) => {
      const body = request.url().endsWith('/graphql') ? request.postDataJSON() : null;
      if (body?.operationName === 'CandidateMatches') asked.push(request.headers().authorization ?? '');
    });
    return asked;
  };
  await session(
    'early-ranking',
    async (page, base) => {
      const asked = rankings(page);
      await page.goto(`${base}/postings/${JUNIOR}/candidates?remote=REMOTE&minScore=10`);
      await page.getByRole('heading', { name: '13 candidates' }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(asked).toEqual([`Bearer ${recruiter}`]);
    },
    { token: recruiter },
  );

  // Another person signs in while the app's code is still on its way: the ranking asked for
  // the first session is not theirs to see, and the app asks again with their token.
  const learner = await app.tokenFor(LEARNER);
  await session(
    'early-ranking-other-session',
    async (page, base) => {
      const asked = rankings(page);
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      const early = page.waitForResponse(
        (response) => response.request().postDataJSON()?.operationName === 'CandidateMatches',
      );
      await page.goto(`${base}/postings/${JUNIOR}/candidates`, { waitUntil: 'commit' });
      await early;
      await page.evaluate(`localStorage.setItem('skillgraph.token', ${JSON.stringify(learner)})`);
      release();
      await page.getByText("Only recruiters of this posting's company can rank its candidates.").waitFor();
      expect(await candidateCards(page).count()).toBe(0);
      expect(asked).toEqual([`Bearer ${recruiter}`, `Bearer ${learner}`]);
    },
    { token: recruiter },
  );
});

test('a session the API no longer accepts sends the person to sign in, and back', async () => {
  await session(
    'expired-session',
    async (page, base) => {
      await page.goto(`${base}/postings/${JUNIOR}/candidates?remote=REMOTE`);
      await page.waitForURL(
        new RegExp(`/login\\?next=%2Fpostings%2F${JUNIOR}%2Fcandidates%3Fremote%3DREMOTE$`),
      );
      await page.getByLabel('Email').fill(RECRUITER.email);
      await page.getByLabel('Password').fill(RECRUITER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(new RegExp(`/postings/${JUNIOR}/candidates\\?remote=REMOTE$`));
      await candidateCards(page).first().waitFor();
    },
    {
      token: 'a-token-from-another-server',
      // The API answers a rejected token with HTTP 401, which Chromium reports on the console.
      expectedConsole: /^console error: Failed to load resource: the server responded with a status of 401/,
    },
  );
});

test('errors show where they belong', async () => {
  await session('errors', async (page, base) => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill(LEARNER.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong e-mail or password').waitFor();

    await page.goto(`${base}/signup`);
    await page.getByLabel('Name').fill('Someone');
    await page.getByLabel('Email').fill(LEARNER.email);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign up' }).click();
    const email = page.getByLabel('Email');
    await page.locator('#email-error').getByText('already exists').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');

    await page.goto(`${base}/?skills=pythn`);
    await page.locator('#skills-error').getByText('Unknown skill: pythn').waitFor();
  });
});

const ROUTES: { path: string; as?: typeof RECRUITER; ready: string }[] = [
  { path: '/', ready: 'Open postings' },
  { path: '/login', ready: 'Sign in' },
  { path: '/signup', ready: 'Sign up' },
  { path: `/postings/${JUNIOR}`, ready: 'Junior Back-end Developer' },
  {
    path: `/postings/${JUNIOR}/candidates`,
    as: RECRUITER,
    ready: 'Ranked candidates for Junior Back-end Developer',
  },
  { path: `/postings/${JUNIOR}/path`, as: LEARNER, ready: 'Learning path to Junior Back-end Developer' },
  { path: '/me', as: LEARNER, ready: 'My profile' },
  { path: '/company', as: RECRUITER, ready: 'Quarry Lane Software' },
  { path: '/company/postings/new', as: RECRUITER, ready: 'New posting' },
  { path: `/company/postings/${JUNIOR}/edit`, as: RECRUITER, ready: 'Edit Junior Back-end Developer' },
  { path: '/import', as: RECRUITER, ready: 'Import records' },
  { path: '/no-such-page', ready: 'Page not found' },
];

test.each(ROUTES)(
  '$path has no serious accessibility finding, and fits 390 px',
  async ({ path, as, ready }) => {
    const token = as && (await app.tokenFor(as));
    await session(
      `route-${path}`,
      async (page, base) => {
        await page.goto(`${base}${path}`);
        await page.getByRole('heading', { level: 1, name: ready }).waitFor();
        await page.waitForLoadState('networkidle');
        await page.locator('[role="status"]:has-text("Loading")').waitFor({ state: 'detached' });
        expect(await accessibilityProblems(page)).toEqual([]);
        await page.setViewportSize({ width: 390, height: 844 });
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        expect(overflow).toBeLessThanOrEqual(0);
        expect(await accessibilityProblems(page)).toEqual([]);
      },
      { token },
    );
  },
);

describe('writing: profiles, postings and imports', () => editingTests(app));
