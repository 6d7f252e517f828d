import fc from 'fast-check';
import { Columns, PostingList } from '../../src/matching/index-storage';
import { RankingFilter, RankingScratch, RankingStorage, REMOTE_CODES } from '../../src/matching/ranking';
import { RemotePolicy } from '../../src/common/remote-policy';
import { CandidateInput, compareRanked, PostingInput, scoreMatch } from '../../src/matching/scoring';
import { buildSkillTree, SkillTree } from '../../src/skill/skill-tree';

// Random small match indexes, postings and filters for the ranking kernels' properties, and
// the scoring module's ranking of every candidate they are checked against.

export const SKILLS = 10;
export const LOCATIONS = ['Austin, TX', 'Boston, MA', 'Remote (US)'];

export interface World {
  tree: SkillTree;
  storage: RankingStorage;
  scratch: RankingScratch;
  /** by slot; null for a dead slot (a candidate changed or deleted, not yet compacted) */
  candidates: ({
    input: CandidateInput;
    openToWork: boolean;
    remote: RemotePolicy;
    location: string;
  } | null)[];
}

export const parents = fc.array(fc.nat(SKILLS), { minLength: SKILLS, maxLength: SKILLS });
export const candidate = fc.record({
  alive: fc.integer({ min: 0, max: 9 }).map((n) => n > 0),
  years: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.double({ min: 0, max: 12, noNaN: true })),
  openToWork: fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
  remote: fc.constantFrom(...REMOTE_CODES),
  location: fc.constantFrom(...LOCATIONS),
  skills: fc.uniqueArray(
    fc.record({ skillId: fc.integer({ min: 1, max: SKILLS }), level: fc.integer({ min: 1, max: 5 }) }),
    { maxLength: 6, selector: (s) => s.skillId },
  ),
});
export type Person = typeof candidate extends fc.Arbitrary<infer T> ? T : never;
export const wanted = fc.record({
  skillId: fc.integer({ min: 1, max: SKILLS }),
  importance: fc.constantFrom('REQUIRED' as const, 'PREFERRED' as const),
  minLevel: fc.integer({ min: 1, max: 5 }),
  // weights as the API bounds them, often the defaults so that ties happen
  weight: fc.oneof(fc.constantFrom(1, 0.5), fc.double({ min: 0.01, max: 10, noNaN: true })),
});
export const posting = fc.record({
  minYearsExperience: fc.integer({ min: 0, max: 10 }),
  skills: fc.uniqueArray(wanted, { minLength: 1, maxLength: 8, selector: (w) => w.skillId }),
});
export const filter: fc.Arbitrary<RankingFilter> = fc.record({
  openToWorkOnly: fc.boolean(),
  remote: fc.option(fc.subarray([...REMOTE_CODES]), { nil: undefined }),
  location: fc.option(fc.constantFrom('austin', 'MA', 'remote', 'nowhere'), { nil: undefined }),
  minYearsExperience: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  minScore: fc.option(fc.oneof(fc.constantFrom(0, 0.5, 1), fc.double({ min: 0, max: 1, noNaN: true })), {
    nil: undefined,
  }),
  onlyMeetingRequired: fc.option(fc.boolean(), { nil: undefined }),
});

/** `ascendingIds`: ids in slot order, as a freshly built index has them, so that ties are broken in the order slots are read. */
export function world(parentOf: number[], people: Person[], ascendingIds = false): World {
  // A parent's id is below its child's, so the hierarchy has no cycle; 0 is no parent.
  const tree = buildSkillTree(
    parentOf.map((p, i) => ({ id: i + 1, parentId: p > 0 && p < i + 1 ? p : null })),
  );
  const columns = new Columns();
  const lists = new Map<number, PostingList>();
  const candidates: World['candidates'] = [];
  people.forEach((person, slot) => {
    columns.ensure(slot + 1);
    columns.size = slot + 1;
    // ids out of slot order, as re-added candidates leave them, so that ties are broken across the slots
    columns.ids[slot] = ascendingIds ? 1000 + slot : 1000 + ((slot * 7919) % 10007);
    columns.alive[slot] = person.alive ? 1 : 0;
    columns.years[slot] = person.years;
    columns.openToWork[slot] = person.openToWork ? 1 : 0;
    columns.remote[slot] = REMOTE_CODES.indexOf(person.remote);
    columns.location[slot] = LOCATIONS.indexOf(person.location);
    for (const { skillId, level } of person.skills) {
      if (!lists.has(skillId)) lists.set(skillId, new PostingList());
      lists.get(skillId)!.add(slot, level);
    }
    candidates.push(
      person.alive
        ? {
            input: {
              id: columns.ids[slot],
              yearsExperience: person.years,
              levels: new Map(person.skills.map((s) => [s.skillId, s.level])),
            },
            openToWork: person.openToWork,
            remote: person.remote,
            location: person.location,
          }
        : null,
    );
  });
  const n = columns.ids.length;
  const scratch = { best: new Float64Array(n), sum: new Float64Array(n), requiredMet: new Uint8Array(n) };
  return { tree, storage: { columns, lists, locations: LOCATIONS }, scratch, candidates };
}

/** Every match, in ranking order, by the scoring module applied to each candidate. */
export function oracle({ tree, candidates }: World, input: PostingInput, f: RankingFilter) {
  const needle = f.location?.trim().toLowerCase();
  return candidates
    .flatMap((c) => {
      if (!c) return [];
      if (f.openToWorkOnly && !c.openToWork) return [];
      if (f.remote?.length && !f.remote.includes(c.remote)) return [];
      if (needle && !c.location.toLowerCase().includes(needle)) return [];
      if (f.minYearsExperience != null && c.input.yearsExperience < f.minYearsExperience) return [];
      const result = scoreMatch(input, c.input, tree);
      if (f.onlyMeetingRequired && !result.meetsAllRequired) return [];
      if (result.score <= 0 || result.score < (f.minScore ?? 0)) return [];
      return [{ id: c.input.id, score: result.score }];
    })
    .sort(compareRanked);
}

export const zeroed = (scratch: RankingScratch) =>
  scratch.best.every((x) => x === 0) &&
  scratch.sum.every((x) => x === 0) &&
  scratch.requiredMet.every((x) => x === 0);

/**
 * Candidates most of whom tie: every level credited in full, few skills and no relatives
 * (with `flatPosting`), many of them with the page's last score. `alive` says who is.
 */
export const tiedCandidate = (alive: fc.Arbitrary<boolean>) =>
  fc.record({
    alive,
    years: fc.constantFrom(0, 10),
    openToWork: fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
    remote: fc.constantFrom(...REMOTE_CODES),
    location: fc.constantFrom(...LOCATIONS),
    skills: fc.uniqueArray(fc.record({ skillId: fc.integer({ min: 1, max: 3 }), level: fc.constant(5) }), {
      maxLength: 3,
      selector: (s) => s.skillId,
    }),
  });

/** A posting of flat weights over the few skills `tiedCandidate` holds. */
export const flatPosting = fc.record({
  minYearsExperience: fc.constantFrom(0, 5),
  skills: fc.uniqueArray(
    fc.record({
      skillId: fc.integer({ min: 1, max: 3 }),
      importance: fc.constantFrom('REQUIRED' as const, 'PREFERRED' as const),
      minLevel: fc.constant(1),
      weight: fc.constant(1),
    }),
    { minLength: 1, maxLength: 3, selector: (s) => s.skillId },
  ),
});
