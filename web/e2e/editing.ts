import { Page } from 'playwright-core';
import { accessibilityProblems, WebAppUnderTest } from './harness';

// What people write through the web app: a learner's skills from a CV, a recruiter's posting
// from a job description, and records from a file. Each test signs up accounts of its own, so
// the demo data the journeys read stays as it is.

const CV = `Career changer, now a back-end developer.
Backend developer: 5+ years of Python and PostgreSQL, strong Django.
Basic Docker; familiar with Kubernetes and Redis.`;

const JOB = `We are hiring a platform engineer.
You bring 5+ years of Go and PostgreSQL. Kubernetes is a plus. Basic Terraform.`;

/** The skill list being edited, as "Name: level" or "Name: IMPORTANCE, level", in the page's order. */
async function skillRows(page: Page): Promise<string[]> {
  const rows = page.locator('ul.skill-rows > li');
  const out: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const row = rows.nth(i);
    const name = (await row.locator('.skill-row-name').innerText()).split(/\s+as\s+“/)[0].trim();
    const selects = row.locator('select');
    const values: string[] = [];
    for (let j = 0; j < (await selects.count()); j++) {
      values.push(await selects.nth(j).inputValue());
    }
    out.push(`${name}: ${values.join(', ')}`);
  }
  return out;
}

/** The skills table of /postings/:id, as "Name, Importance, Level", sorted (equal weights have no order). */
async function postingSkills(page: Page): Promise<string[]> {
  const rows = page.locator('section[aria-labelledby="skills-heading"] tbody tr');
  await rows.first().waitFor();
  return (await rows.allInnerTexts()).map((text) => text.split('\t').join(', ').trim()).sort();
}

export function editingTests(app: WebAppUnderTest): void {
  test('a learner pastes a CV, reviews the proposed skills, and the reviewed list is what is saved', async () => {
    const token = await app.newAccount('LEARNER', 'Cv Reader');
    await app.session(
      'cv',
      async (page) => {
        await page.goto(`${app.base()}/me`);
        await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
        await page.getByText('You have listed no skills yet').waitFor();
        // Learners import nothing: the navigation offers them no import.
        expect(
          await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).count(),
        ).toBe(0);

        await page.getByLabel('Paste your CV').fill(CV);
        await page.getByRole('button', { name: 'Propose skills' }).click();
        await page.getByRole('status').getByText('6 skills read from your CV').waitFor();
        expect((await skillRows(page)).sort()).toEqual([
          'Django: 4',
          'Docker: 2',
          'Kubernetes: 2',
          'PostgreSQL: 4',
          'Python: 4',
          'Redis: 2',
        ]);
        // Nothing is saved by proposing.
        const before = await app.graphql('{ me { candidate { skills { level } } } }', {}, token);
        expect(before.me.candidate.skills).toEqual([]);

        await page.getByRole('button', { name: 'Remove Docker' }).click();
        await page.getByLabel('Level of Redis').selectOption('4');
        await page.getByLabel('Skill to add').fill('SQL');
        await page.getByLabel('Level', { exact: true }).selectOption('3');
        await page.getByRole('button', { name: 'Add skill' }).click();

        // A skill the API does not know is refused beside its own row, and nothing is saved.
        await page.getByLabel('Skill to add').fill('Kubernetess');
        await page.getByRole('button', { name: 'Add skill' }).click();
        await page.getByRole('button', { name: 'Save skills' }).click();
        const refused = page.locator('ul.skill-rows > li').filter({ hasText: 'Kubernetess' });
        await refused
          .locator('.field-error')
          .getByText(/^No skill is named so; did you mean “kubernetes”\?$/)
          .waitFor();
        expect(await page.locator('.field-error').count()).toBe(1);
        expect(await page.getByLabel('Level of Kubernetess').getAttribute('aria-invalid')).toBe('true');
        expect(
          await page.getByLabel('Level of Kubernetes', { exact: true }).getAttribute('aria-invalid'),
        ).toBeNull();
        expect(await accessibilityProblems(page)).toEqual([]);
        const refusedSave = await app.graphql('{ me { candidate { skills { level } } } }', {}, token);
        expect(refusedSave.me.candidate.skills).toEqual([]);
        await page.getByRole('button', { name: 'Remove Kubernetess' }).click();
        expect(await page.locator('.field-error').count()).toBe(0);

        await page.getByRole('button', { name: 'Save skills' }).click();
        await page.getByRole('status').getByText('Saved.').waitFor();

        await page.reload();
        await page.getByRole('heading', { level: 1, name: 'My profile' }).waitFor();
        await page.getByLabel('Level of Python').waitFor();
        expect((await skillRows(page)).sort()).toEqual([
          'Django: 4',
          'Kubernetes: 2',
          'PostgreSQL: 4',
          'Python: 4',
          'Redis: 4',
          'SQL: 3',
        ]);
      },
      { token },
    );
  });

  test('a recruiter writes a posting from a pasted job description, publishes it and edits it', async () => {
    const token = await app.newAccount('RECRUITER', 'Posting Writer');
    await app.session(
      'posting-editor',
      async (page, base) => {
        await page.goto(`${base}/company`);
        await page.getByText('Your company has no postings yet').waitFor();
        await page.getByRole('link', { name: 'Write your first posting' }).click();
        await page.getByRole('heading', { level: 1, name: 'New posting' }).waitFor();

        await page.getByLabel('Title').fill('Platform Engineer');
        await page.getByLabel('Description').fill(JOB);
        await page.getByRole('button', { name: 'Propose skills from the description' }).click();
        await page.getByRole('status').getByText('4 skills read from the text').waitFor();
        expect(await skillRows(page)).toEqual([
          'Go: REQUIRED, 4',
          'PostgreSQL: REQUIRED, 4',
          'Kubernetes: PREFERRED, 3',
          'Terraform: REQUIRED, 2',
        ]);
        await page.getByRole('button', { name: 'Remove Terraform' }).click();
        await page.getByLabel('Importance of PostgreSQL').selectOption('PREFERRED');
        await page.getByLabel('Skill to add').fill('Docker');
        await page.getByLabel('Importance', { exact: true }).selectOption('PREFERRED');
        await page.getByLabel('Level', { exact: true }).selectOption('2');
        await page.getByRole('button', { name: 'Add skill' }).click();
        // A skill named twice (here by an alias) is refused beside the row that repeats it.
        await page.getByLabel('Skill to add').fill('Postgres');
        await page.getByRole('button', { name: 'Add skill' }).click();
        await page.getByRole('button', { name: 'Publish posting' }).click();
        await page
          .locator('ul.skill-rows > li')
          .filter({ hasText: 'Postgres' })
          .filter({ hasNotText: 'PostgreSQL' })
          .locator('.field-error')
          .getByText('Names the same skill as row 2')
          .waitFor();
        expect(await page.locator('.field-error').count()).toBe(1);
        await page.getByRole('button', { name: 'Remove Postgres', exact: true }).click();
        await page.getByLabel('Location').fill('Lisbon');
        await page.getByLabel('Way of working').selectOption('REMOTE');
        await page.getByLabel('Seniority').selectOption('SENIOR');

        // A refused field is said beside it, and nothing is published.
        await page.getByLabel('Salary from').fill('120000');
        await page.getByLabel('Salary to').fill('90000');
        await page.getByRole('button', { name: 'Publish posting' }).click();
        await page.locator('#salaryMin-error').getByText('Must not be above salaryMax').waitFor();
        expect(await page.getByLabel('Salary from').getAttribute('aria-invalid')).toBe('true');
        await page.getByLabel('Salary to').fill('150000');
        expect(await accessibilityProblems(page)).toEqual([]);
        await page.getByRole('button', { name: 'Publish posting' }).click();

        await page.waitForURL(/\/postings\/[^/]+$/);
        await page.getByRole('heading', { level: 1, name: 'Platform Engineer' }).waitFor();
        await page.getByText('Lisbon · Remote · Senior').waitFor();
        expect(await postingSkills(page)).toEqual([
          'Docker, Preferred, 2',
          'Go, Required, 4',
          'Kubernetes, Preferred, 3',
          'PostgreSQL, Preferred, 4',
        ]);

        await page.getByRole('link', { name: 'Edit posting' }).click();
        await page.getByRole('heading', { level: 1, name: 'Edit Platform Engineer' }).waitFor();
        await page.getByLabel('Title').fill('Senior Platform Engineer');
        await page.getByRole('button', { name: 'Remove Kubernetes' }).click();
        await page.getByLabel('Level of Go').selectOption('5');
        await page.getByRole('button', { name: 'Save posting' }).click();
        await page.getByRole('heading', { level: 1, name: 'Senior Platform Engineer' }).waitFor();
        expect(await postingSkills(page)).toEqual([
          'Docker, Preferred, 2',
          'Go, Required, 5',
          'PostgreSQL, Preferred, 4',
        ]);

        // The company's list shows it, renamed.
        await page.getByRole('link', { name: 'Company', exact: true }).click();
        await page.getByRole('link', { name: 'Edit Senior Platform Engineer' }).waitFor();
      },
      { token },
    );
  });

  test('a recruiter checks a file, sees each rejected line and why, then imports the rest', async () => {
    const token = await app.newAccount('RECRUITER', 'File Importer');
    const file = [
      {
        type: 'posting',
        externalId: 'FI-1',
        title: 'Data Engineer',
        skills: [{ skill: 'python', minLevel: 3 }],
      },
      {
        type: 'posting',
        externalId: 'FI-2',
        title: 'Broken Skills',
        skills: [{ skill: 'pythn', minLevel: 3 }],
      },
      { type: 'posting', externalId: 'FI-3', title: 'SQL Analyst', skills: [{ skill: 'sql', minLevel: 4 }] },
    ]
      .map((record) => JSON.stringify(record))
      .join('\n');
    await app.session(
      'import',
      async (page, base) => {
        await page.goto(`${base}/`);
        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
        await page.getByRole('heading', { level: 1, name: 'Import records' }).waitFor();
        await page.getByLabel('File (CSV or JSONL)').setInputFiles({
          name: 'ats-export.jsonl',
          mimeType: 'application/x-ndjson',
          buffer: Buffer.from(file),
        });
        // The format follows the file's name once the browser has read it.
        await page.getByRole('radio', { name: 'JSONL', checked: true }).waitFor();
        await page.getByRole('button', { name: 'Check file' }).click();

        const report = page.getByRole('region', { name: 'What importing this file would do' });
        await report.waitFor();
        expect(await counts(page)).toEqual({
          'To create': '2',
          'To update': '0',
          Unchanged: '0',
          'To reject': '1',
        });
        const rejected = report.getByRole('table', { name: 'Rejected rows' }).locator('tbody tr');
        expect(await rejected.allInnerTexts()).toEqual([
          expect.stringMatching(
            /^2\tskills\[0\]\.skill\tunknown skill "pythn"; did you mean "python"\? UNKNOWN_SKILL$/,
          ),
        ]);
        // The dry run wrote nothing.
        const company = '{ me { company { postings(first: 10) { totalCount } } } }';
        expect((await app.graphql(company, {}, token)).me.company.postings.totalCount).toBe(0);
        expect(await accessibilityProblems(page)).toEqual([]);

        await page.getByRole('button', { name: 'Import', exact: true }).click();
        await page.getByRole('region', { name: 'Imported' }).waitFor();
        expect(await counts(page)).toEqual({ Created: '2', Updated: '0', Unchanged: '0', Rejected: '1' });

        await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Company' }).click();
        await page.getByRole('heading', { name: '2 postings' }).waitFor();
        await page.getByRole('link', { name: 'Data Engineer', exact: true }).waitFor();
        await page.getByRole('link', { name: 'SQL Analyst', exact: true }).waitFor();
      },
      { token },
    );
  });

  test('an administrator imports candidates from a CSV file, choosing their type', async () => {
    const token = await app.newAccount('ADMIN', 'Admin');
    // Not open to work, so the demo rankings the journeys read stay as they are.
    const csv = [
      'externalId,displayName,email,headline,location,remote,yearsExperience,openToWork,skills',
      'AD-1,Ines Duarte,ines.duarte.import@example.com,Backend engineer,Lisbon,REMOTE,5,false,python:4;django:4',
      'AD-2,Jon Park,jon.park.import@example.com,PHP developer,Seoul,ONSITE,8,false,php:9',
    ].join('\n');
    await app.session(
      'import-admin',
      async (page, base) => {
        await page.goto(`${base}/import`);
        await page.getByRole('heading', { level: 1, name: 'Import records' }).waitFor();
        await page
          .getByLabel('File (CSV or JSONL)')
          .setInputFiles({ name: 'candidates.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByRole('radio', { name: 'CSV', checked: true }).waitFor();
        await page.getByRole('radio', { name: 'Candidate' }).check();
        await page.getByRole('button', { name: 'Check file' }).click();
        await page.getByRole('region', { name: 'What importing this file would do' }).waitFor();
        expect(await counts(page)).toEqual({
          'To create': '1',
          'To update': '0',
          Unchanged: '0',
          'To reject': '1',
        });
        await page.getByRole('cell', { name: /^3$/ }).waitFor();
        await page.getByText('LEVEL_OUT_OF_RANGE').waitFor();
        await page.getByRole('button', { name: 'Import', exact: true }).click();
        await page.getByRole('region', { name: 'Imported' }).waitFor();
        expect(await counts(page)).toEqual({ Created: '1', Updated: '0', Unchanged: '0', Rejected: '1' });
      },
      { token },
    );
  });
}

/** The report's figures, by what they count. */
async function counts(page: Page): Promise<Record<string, string>> {
  const items = page.locator('dl.counts > div');
  const out: Record<string, string> = {};
  for (let i = 0; i < (await items.count()); i++) {
    out[await items.nth(i).locator('dt').innerText()] = await items.nth(i).locator('dd').innerText();
  }
  return out;
}
