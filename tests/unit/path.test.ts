import fc from 'fast-check';
import { CourseInput } from '../../src/course/course-input';
import {
  gapFor,
  GapSkill,
  learningPath,
  rankCourses,
  unmetInOrder,
} from '../../src/learning/path';

const gap = (...skills: [number, number, number?][]): GapSkill[] =>
  skills.map(([skillId, minLevel, weight = 1]) => ({
    skillId,
    minLevel,
    weight,
    importance: weight >= 1 ? 'REQUIRED' : 'PREFERRED',
  }));

const course = (
  id: number,
  teaches: [number, number][],
  {
    weeks = 4,
    price = null,
    prerequisites = [],
    format = 'ONLINE',
  }: { weeks?: number | null; price?: number | null; prerequisites?: number[]; format?: string } = {},
): CourseInput => ({
  id,
  format,
  durationWeeks: weeks,
  durationHours: null,
  priceUsd: price,
  teaches: new Map(teaches),
  prerequisites,
});

const ids = (path: { steps: { course: CourseInput }[] }) => path.steps.map((s) => s.course.id);

describe('gapFor', () => {
  it('keeps the skills not held directly at the level asked for', () => {
    const wanted = [
      { skillId: 1, importance: 'REQUIRED' as const, minLevel: 3, weight: 1 },
      { skillId: 2, importance: 'REQUIRED' as const, minLevel: 3, weight: 1 },
      { skillId: 3, importance: 'PREFERRED' as const, minLevel: 2, weight: 0.5 },
    ];
    expect(
      gapFor(
        wanted,
        new Map([
          [1, 3],
          [2, 2],
        ]),
      ).map((g) => g.skillId),
    ).toEqual([2, 3]);
    expect(gapFor(wanted, null).map((g) => g.skillId)).toEqual([1, 2, 3]);
  });
});

describe('learningPath, by example', () => {
  it('prefers one course covering everything to two partial ones of the same total length', () => {
    const path = learningPath(
      gap([1, 2], [2, 2]),
      [
        course(1, [[1, 3]], { weeks: 2 }),
        course(2, [[2, 3]], { weeks: 2 }),
        course(
          3,
          [
            [1, 2],
            [2, 2],
          ],
          { weeks: 3 },
        ),
      ],
      new Map(),
    );
    expect(ids(path)).toEqual([3]);
    expect(path.coverage).toBe(1);
  });

  it('breaks ties by the lower course id', () => {
    const path = learningPath(gap([1, 2]), [course(9, [[1, 3]]), course(4, [[1, 3]])], new Map());
    expect(ids(path)).toEqual([4]);
  });

  it('ignores a course that teaches a skill below the level asked for', () => {
    const path = learningPath(gap([1, 4]), [course(1, [[1, 3]])], new Map());
    expect(path.steps).toEqual([]);
    expect(path.uncovered).toEqual([1]);
    expect(path.coverage).toBe(0);
  });

  it('adds a course that only teaches a prerequisite, before the course that needs it', () => {
    const path = learningPath(
      gap([1, 3]),
      [course(1, [[1, 3]], { prerequisites: [50] }), course(2, [[50, 2]], { weeks: 1 })],
      new Map(),
    );
    expect(ids(path)).toEqual([2, 1]);
    expect(path.unmetPrerequisites).toEqual([]);
    expect(path.steps[0].adds).toEqual([]);
  });

  it('drops a prerequisite course once the course needing it is gone (found by the property below)', () => {
    const catalogue = [
      course(1, [[10, 1]], { weeks: 1, prerequisites: [1] }),
      course(
        2,
        [
          [10, 1],
          [2, 1],
        ],
        { weeks: 1 },
      ),
      course(5, [[1, 1]], { weeks: 1, prerequisites: [2] }),
      course(6, [[1, 1]], { weeks: 1 }),
    ];
    const path = learningPath(gap([10, 1], [1, 2]), catalogue, new Map());
    expect(path.coverage).toBe(0.5);
    for (const step of path.steps) {
      const others = path.steps.filter((s) => s !== step).map((s) => s.course);
      const needed = others.some((o) => o.prerequisites.some((p) => step.course.teaches.has(p)));
      expect(step.adds.length > 0 || needed).toBe(true);
    }
  });

  it('reports a prerequisite nobody teaches instead of ignoring it', () => {
    const path = learningPath(gap([1, 3]), [course(1, [[1, 3]], { prerequisites: [50] })], new Map());
    expect(ids(path)).toEqual([1]);
    expect(path.unmetPrerequisites).toEqual([50]);
  });

  it('needs no course for a prerequisite the learner holds', () => {
    const path = learningPath(
      gap([1, 3]),
      [course(1, [[1, 3]], { prerequisites: [50] }), course(2, [[50, 2]])],
      new Map([[50, 1]]),
    );
    expect(ids(path)).toEqual([1]);
  });

  it('leaves out the best course when a money budget excludes it, and unpriced courses under a budget', () => {
    const catalogue = [
      course(
        1,
        [
          [1, 3],
          [2, 3],
        ],
        { price: 900 },
      ),
      course(2, [[1, 3]], { price: 300 }),
      course(3, [[2, 3]], { price: null }),
    ];
    const path = learningPath(gap([1, 3], [2, 3]), catalogue, new Map(), { maxBudgetUsd: 500 });
    expect(ids(path)).toEqual([2]);
    expect(path.totalPriceUsd).toBe(300);
    expect(path.uncovered).toEqual([2]);
  });

  it('covers nothing and says which skills when no course teaches the gap', () => {
    const path = learningPath(gap([7, 2], [8, 2]), [course(1, [[1, 3]])], new Map());
    expect(path).toMatchObject({ steps: [], covered: [], uncovered: [7, 8], coverage: 0 });
  });

  it('returns an empty path with coverage 1 for an empty gap', () => {
    expect(learningPath([], [course(1, [[1, 3]])], new Map())).toMatchObject({
      steps: [],
      coverage: 1,
      totalWeeks: 0,
    });
  });

  it('prefers the requested format when the choice is otherwise close', () => {
    const catalogue = [
      course(1, [[1, 3]], { weeks: 4, format: 'ONLINE' }),
      course(2, [[1, 3]], { weeks: 5, format: 'IN_PERSON' }),
    ];
    expect(ids(learningPath(gap([1, 3]), catalogue, new Map()))).toEqual([1]);
    expect(ids(learningPath(gap([1, 3]), catalogue, new Map(), { preferFormat: 'IN_PERSON' }))).toEqual([2]);
  });
});

describe('rankCourses', () => {
  it('ranks by the weight covered, leaving out courses covering nothing', () => {
    const ranked = rankCourses(gap([1, 2, 1], [2, 2, 0.5]), [
      course(1, [[2, 3]]),
      course(2, [
        [1, 3],
        [2, 3],
      ]),
      course(3, [[9, 3]]),
    ]);
    expect(ranked.map((r) => [r.course.id, r.weightCovered, r.coverage])).toEqual([
      [2, 1.5, 1],
      [1, 0.5, 0.5 / 1.5],
    ]);
  });
});

// Properties over random catalogues of 12 skills.
const skill = fc.integer({ min: 1, max: 12 });
const level = fc.integer({ min: 1, max: 5 });
const courseArb = (id: number) =>
  fc
    .record({
      teaches: fc.uniqueArray(fc.tuple(skill, level), { minLength: 1, maxLength: 4, selector: (t) => t[0] }),
      prerequisites: fc.uniqueArray(skill, { maxLength: 2 }),
      weeks: fc.integer({ min: 1, max: 12 }),
    })
    .map(({ teaches, prerequisites, weeks }) => course(id, teaches, { weeks, prerequisites }));
const catalogueArb = fc
  .integer({ min: 0, max: 10 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => courseArb(i + 1))));
const gapArb = fc
  .uniqueArray(fc.tuple(skill, level, fc.constantFrom(1, 0.5)), {
    minLength: 1,
    maxLength: 6,
    selector: (t) => t[0],
  })
  .map((g) => gap(...g));
const heldArb = fc
  .uniqueArray(fc.tuple(skill, level), { maxLength: 4, selector: (t) => t[0] })
  .map((h) => new Map(h));

describe('learningPath, as properties', () => {
  it('never covers more than the whole gap', () => {
    fc.assert(
      fc.property(gapArb, catalogueArb, heldArb, (g, c, h) => {
        const { coverage } = learningPath(g, c, h);
        return coverage >= 0 && coverage <= 1;
      }),
    );
  });

  it('has no redundant step: dropping any one loses coverage or leaves a prerequisite unmet', () => {
    fc.assert(
      fc.property(gapArb, catalogueArb, heldArb, (g, c, h) => {
        const path = learningPath(g, c, h);
        const courses = path.steps.map((s) => s.course);
        const weight = (list: CourseInput[]) =>
          g
            .filter((x) => list.some((k) => (k.teaches.get(x.skillId) ?? 0) >= x.minLevel))
            .reduce((s, x) => s + x.weight, 0);
        const unmetCount = (list: CourseInput[]) => {
          const taught = new Set(list.flatMap((k) => [...k.teaches.keys()]));
          return new Set(list.flatMap((k) => k.prerequisites).filter((p) => !h.has(p) && !taught.has(p)))
            .size;
        };
        return courses.every((k) => {
          const without = courses.filter((x) => x !== k);
          return weight(without) < weight(courses) || unmetCount(without) > unmetCount(courses);
        });
      }),
    );
  });

  it('orders steps so each prerequisite is held, taught earlier, or reported', () => {
    fc.assert(
      fc.property(gapArb, catalogueArb, heldArb, (g, c, h) => {
        const path = learningPath(g, c, h);
        const reported = new Set(path.unmetPrerequisites);
        const known = new Set(h.keys());
        return (
          path.steps.every(({ course: k }) => {
            const ok = k.prerequisites.every((p) => known.has(p) || reported.has(p));
            for (const s of k.teaches.keys()) known.add(s);
            return ok;
          }) &&
          unmetInOrder(
            path.steps.map((s) => s.course),
            h,
          ).every((p) => reported.has(p))
        );
      }),
    );
  });

  it('never loses coverage when a course is added to the catalogue (no budget)', () => {
    fc.assert(
      fc.property(
        gapArb,
        catalogueArb,
        courseArb(99),
        heldArb,
        (g, c, extra, h) =>
          learningPath(g, [...c, extra], h).coverage >= learningPath(g, c, h).coverage - 1e-12,
      ),
    );
  });
});
