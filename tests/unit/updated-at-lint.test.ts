import { ESLint } from 'eslint';

// Every write moves `updatedAt` through common/updated-at.ts, or other instances miss a
// second write within the same second: the lint refuses the other ways to write it.

// The project's config handed in: jest cannot run the dynamic import ESLint loads it with.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../eslint.config.js');
const eslint = new ESLint({ cwd: `${__dirname}/../..`, overrideConfigFile: true, overrideConfig: config });

/** The messages the lint has for `code` as a service's source. */
async function problems(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: 'src/candidate/written.ts' });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

const preamble = `import { EntityManager } from 'typeorm';
import { Candidate } from './candidate.entity';
import { CandidateSkill } from './candidate-skill.entity';
import { nextUpdatedAt } from '../common/updated-at';
declare const tx: EntityManager;
declare const row: Candidate;
`;

describe('the lint on writes of updatedAt', () => {
  it.each([
    ['a stamp from the clock', `void tx.getRepository(Candidate).update(1, { updatedAt: new Date() });`],
    ['a stamp assigned', `row.updatedAt = new Date();`],
    ['an update left to TypeORM', `void tx.getRepository(Candidate).update(1, { headline: 'x' });`],
    ['a save left to TypeORM', `void tx.getRepository(Candidate).save(row);`],
    ['an update by the class', `void tx.update(Candidate, 1, { headline: 'x' });`],
    ['a stamp in SQL', "void tx.query('UPDATE candidate SET `updatedAt` = NOW()');"],
    ['a stamp in a template', 'void tx.query(`UPDATE candidate SET updatedAt = ${Date.now()}`);'],
  ])('refuses %s', async (_, code) => {
    expect((await problems(preamble + code)).length).toBeGreaterThan(0);
  });

  it.each([
    [
      'a stamp from updated-at.ts',
      `void tx.getRepository(Candidate).update(1, { headline: 'x', updatedAt: nextUpdatedAt(tx) });`,
    ],
    ['an update by the class with it', `void tx.update(Candidate, 1, { updatedAt: nextUpdatedAt(tx) });`],
    ['writes of rows with no updatedAt', `void tx.getRepository(CandidateSkill).save({ candidateId: 1 });`],
    [
      'reads of updatedAt',
      "void tx.query('SELECT id FROM candidate WHERE updatedAt >= ?', [row.updatedAt]);",
    ],
    ['a type with updatedAt', `export type Version = { id: number; updatedAt: Date };`],
    ['a row taken apart', `const { updatedAt } = row; void updatedAt;`],
  ])('lets %s through', async (_, code) => {
    expect(await problems(preamble + code)).toEqual([]);
  });
});
