import fc from 'fast-check';
import {
  CandidateInput,
  compareRanked,
  experienceFactor,
  PostingInput,
  PostingTable,
  SCORING,
  scoreMatch,
} from '../../src/matching/scoring';
import { WantedSkill } from '../../src/posting/wanted-skill';
import { buildSkillTree } from '../../src/skill/skill-tree';

// A small hierarchy like the seeded one: SQL > {MySQL, PostgreSQL}, Python > Django > DRF.
const SQL = 1,
  MYSQL = 2,
  POSTGRES = 3,
  PYTHON = 4,
  DJANGO = 5,
  DRF = 6,
  GIT = 7;
const tree = buildSkillTree([
  { id: SQL, parentId: null },
  { id: MYSQL, parentId: SQL },
  { id: POSTGRES, parentId: SQL },
  { id: PYTHON, parentId: null },
  { id: DJANGO, parentId: PYTHON },
  { id: DRF, parentId: DJANGO },
  { id: GIT, parentId: null },
]);

const wants = (
  skillId: number,
  minLevel: number,
  importance: 'REQUIRED' | 'PREFERRED' = 'REQUIRED',
): WantedSkill => ({
  skillId,
  minLevel,
  importance,
  weight: SCORING.defaultWeight[importance],
});
const posting = (skills: WantedSkill[], minYearsExperience = 0): PostingInput => ({
  skills,
  minYearsExperience,
});
const candidate = (levels: [number, number][], yearsExperience = 10, id = 1): CandidateInput => ({
  id,
  yearsExperience,
  levels: new Map(levels),
});

describe('scoreMatch, by example', () => {
  it.each([
    ['holds the skill at the level', [wants(SQL, 3)], [[SQL, 3]], 1, 'DIRECT', null],
    ['holds it above the level', [wants(SQL, 3)], [[SQL, 5]], 1, 'DIRECT', null],
    ['holds it below the level', [wants(SQL, 4)], [[SQL, 2]], 0.5, 'DIRECT', null],
    ['holds a more specific skill', [wants(SQL, 3)], [[MYSQL, 3]], 0.8, 'CHILD', MYSQL],
    ['holds a sibling', [wants(MYSQL, 3)], [[POSTGRES, 3]], 0.5, 'SIBLING', POSTGRES],
    ['holds the more general skill', [wants(DJANGO, 3)], [[PYTHON, 3]], 0.3, 'PARENT', PYTHON],
    ['holds nothing related', [wants(DJANGO, 3)], [[GIT, 5]], 0, null, null],
    [
      'is weak directly but strong through a child',
      [wants(SQL, 4)],
      [
        [SQL, 1],
        [MYSQL, 4],
      ],
      0.8,
      'CHILD',
      MYSQL,
    ],
  ] as const)('scores a candidate who %s', (_case, skills, levels, score, relation, via) => {
    const result = scoreMatch(
      posting([...skills]),
      candidate(levels.map((l) => [...l] as [number, number])),
      tree,
    );
    expect(result.score).toBeCloseTo(score, 12);
    expect(result.skills[0].relation).toBe(relation);
    expect(result.skills[0].viaSkillId).toBe(via);
  });

  it('weighs REQUIRED skills twice as much as PREFERRED ones by default', () => {
    const p = posting([wants(SQL, 3), wants(GIT, 3, 'PREFERRED')]);
    expect(scoreMatch(p, candidate([[SQL, 3]]), tree).score).toBeCloseTo(1 / 1.5, 12);
    expect(scoreMatch(p, candidate([[GIT, 3]]), tree).score).toBeCloseTo(0.5 / 1.5, 12);
  });

  it('takes at most 20% off for missing experience', () => {
    const p = posting([wants(SQL, 3)], 4);
    expect(scoreMatch(p, candidate([[SQL, 3]], 0), tree).score).toBeCloseTo(0.8, 12);
    expect(scoreMatch(p, candidate([[SQL, 3]], 2), tree).score).toBeCloseTo(0.9, 12);
    expect(scoreMatch(p, candidate([[SQL, 3]], 6), tree).score).toBe(1);
  });

  it('meets all required skills only when each is held directly at its level', () => {
    const p = posting([wants(SQL, 3), wants(GIT, 2, 'PREFERRED')]);
    expect(scoreMatch(p, candidate([[SQL, 3]]), tree).meetsAllRequired).toBe(true);
    expect(
      scoreMatch(
        p,
        candidate([
          [SQL, 2],
          [GIT, 5],
        ]),
        tree,
      ).meetsAllRequired,
    ).toBe(false);
    expect(scoreMatch(p, candidate([[MYSQL, 5]]), tree).meetsAllRequired).toBe(false);
  });

  it('scores a posting with no skills as 0 rather than failing', () => {
    expect(scoreMatch(posting([]), candidate([[SQL, 3]]), tree).score).toBe(0);
  });
});

// Generators over the small hierarchy above.
const skillIds = fc.constantFrom<number>(SQL, MYSQL, POSTGRES, PYTHON, DJANGO, DRF, GIT);
const level = fc.integer({ min: 1, max: 5 });
const postingArb = fc
  .uniqueArray(
    fc.record({
      skillId: skillIds,
      minLevel: level,
      importance: fc.constantFrom('REQUIRED' as const, 'PREFERRED' as const),
    }),
    { minLength: 1, maxLength: 7, selector: (s) => s.skillId },
  )
  .chain((skills) =>
    fc.record({
      skills: fc.constant(skills.map((s) => ({ ...s, weight: SCORING.defaultWeight[s.importance] }))),
      minYearsExperience: fc.integer({ min: 0, max: 10 }),
    }),
  );
const candidateArb = fc.record({
  id: fc.integer({ min: 1, max: 1000 }),
  yearsExperience: fc.double({ min: 0, max: 30, noNaN: true }),
  levels: fc
    .uniqueArray(fc.tuple(skillIds, level), { maxLength: 7, selector: (t) => t[0] })
    .map((l) => new Map(l)),
});

describe('scoreMatch, as properties', () => {
  it('gives the same scores as a PostingTable, which ranks many postings without explaining', () => {
    fc.assert(
      fc.property(fc.array(postingArb, { maxLength: 6 }), candidateArb, (postings, c) => {
        // Postings share (skill, level) pairs in one table, as open postings do.
        const table = new PostingTable(postings.map((p, i) => [100 + i, p]));
        const scores = table.scores(c, tree);
        postings.forEach((p, i) => {
          expect(table.rowOf(100 + i)).toBe(i);
          expect(table.input(100 + i)).toBe(p);
          expect(scores[i]).toBe(scoreMatch(p, c, tree).score);
        });
      }),
    );
  });

  it('always lies in [0, 1]', () => {
    fc.assert(
      fc.property(postingArb, candidateArb, (p, c) => {
        const { score } = scoreMatch(p, c, tree);
        return score >= 0 && score <= 1;
      }),
    );
  });

  it('never drops when a level is raised or a skill is added', () => {
    fc.assert(
      fc.property(postingArb, candidateArb, skillIds, level, (p, c, skill, lvl) => {
        const before = scoreMatch(p, c, tree).score;
        const levels = new Map(c.levels);
        levels.set(skill, Math.max(lvl, c.levels.get(skill) ?? 0));
        return scoreMatch(p, { ...c, levels }, tree).score >= before;
      }),
    );
  });

  it('costs more for a missing REQUIRED skill than for a missing PREFERRED one of the same level', () => {
    fc.assert(
      fc.property(postingArb, candidateArb, level, (p, c, minLevel) => {
        // Two unrelated extra skills (ids outside the tree): one REQUIRED, one PREFERRED.
        const extended = posting(
          [...p.skills, wants(100, minLevel), wants(101, minLevel, 'PREFERRED')],
          p.minYearsExperience,
        );
        const withRequired = { ...c, levels: new Map([...c.levels, [100, minLevel]]) };
        const withPreferred = { ...c, levels: new Map([...c.levels, [101, minLevel]]) };
        return (
          scoreMatch(extended, withRequired, tree).score > scoreMatch(extended, withPreferred, tree).score
        );
      }),
    );
  });

  it('gives related-skill credit strictly between 0 and the direct credit it stands for', () => {
    fc.assert(
      fc.property(postingArb, candidateArb, (p, c) =>
        scoreMatch(p, c, tree).skills.every((s) => {
          if (s.viaSkillId === null) return true;
          const direct = Math.min(1, c.levels.get(s.viaSkillId)! / s.minLevel);
          return s.credit > 0 && s.credit < direct;
        }),
      ),
    );
  });

  it('scores 1 for a candidate holding every posting skill at its level with the experience asked', () => {
    fc.assert(
      fc.property(postingArb, (p) => {
        const c = candidate(
          p.skills.map((s) => [s.skillId, s.minLevel]),
          p.minYearsExperience,
        );
        const result = scoreMatch(p, c, tree);
        return result.score === 1 && result.meetsAllRequired;
      }),
    );
  });

  it('orders totally and deterministically: score descending, then id ascending', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.constantFrom(0, 0.25, 0.5, 1), id: fc.integer({ min: 1, max: 50 }) })),
        (items) => {
          const unique = [...new Map(items.map((i) => [i.id, i])).values()];
          const once = [...unique].sort(compareRanked);
          const again = [...unique].reverse().sort(compareRanked);
          return (
            JSON.stringify(once) === JSON.stringify(again) &&
            once.every(
              (a, i) =>
                i === 0 ||
                a.score < once[i - 1].score ||
                (a.score === once[i - 1].score && a.id > once[i - 1].id),
            )
          );
        },
      ),
    );
  });

  it('keeps experience between the floor and 1, rising with years', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.integer({ min: 0, max: 15 }),
        (a, b, min) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const f = experienceFactor(low, min);
          return f >= SCORING.experienceFloor && f <= 1 && experienceFactor(high, min) >= f;
        },
      ),
    );
  });
});
