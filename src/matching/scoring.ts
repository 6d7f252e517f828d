// The scoring model: how well a candidate fits a posting, and why. Pure functions
// over plain data (no database, no GraphQL), shared by the in-process match index,
// the explanations and the tests, so every path computes the very same numbers.

import { DEFAULT_WEIGHT, Importance, WantedSkill } from '../posting/wanted-skill';
import { SkillTree } from '../skill/skill-tree';

/** Every constant of the model, in one place (documented in the README). */
export const SCORING = {
  /** weight a posting skill gets when none is given */
  defaultWeight: DEFAULT_WEIGHT,
  /** share of the credit a related skill earns, by how it relates to the wanted skill */
  relatedFactor: { CHILD: 0.8, SIBLING: 0.5, PARENT: 0.3 },
  /** a candidate with no experience keeps this share of the skill score; full at the minimum */
  experienceFloor: 0.8,
} as const;

/** How the skill that earned a credit relates to the skill the posting wants; a GraphQL enum too. */
export const Relation = {
  DIRECT: 'DIRECT',
  CHILD: 'CHILD',
  SIBLING: 'SIBLING',
  PARENT: 'PARENT',
} as const;
export type Relation = (typeof Relation)[keyof typeof Relation];

export interface PostingInput {
  minYearsExperience: number;
  /** in the order the credits are summed: REQUIRED first, then by weight */
  skills: readonly WantedSkill[];
}

export interface CandidateInput {
  id: number;
  yearsExperience: number;
  /** skill id → level 1 to 5, for the skills the candidate holds */
  levels: ReadonlyMap<number, number>;
}

export interface RelatedSkill {
  skillId: number;
  relation: Exclude<Relation, 'DIRECT'>;
  factor: number;
}

export interface SkillCredit {
  skillId: number;
  importance: Importance;
  minLevel: number;
  weight: number;
  /** the level the candidate holds this very skill at; null when they do not hold it */
  candidateLevel: number | null;
  /** 0 to 1 */
  credit: number;
  /** the related skill that earned the credit, when that was better than holding it directly */
  viaSkillId: number | null;
  relation: Relation | null;
}

export interface MatchResult {
  score: number;
  skillScore: number;
  experienceFactor: number;
  meetsAllRequired: boolean;
  skills: SkillCredit[];
}

/**
 * The skills that earn partial credit for `skillId`: its children (more specific),
 * its siblings (same parent) and its parent (more general), in that order.
 */
export function relatedSkills(skillId: number, tree: SkillTree): readonly RelatedSkill[] {
  // Memoised per tree: rankings ask for the same skills' relatives thousands of times.
  let known = relatedCache.get(tree);
  if (!known) relatedCache.set(tree, (known = new Map()));
  let related = known.get(skillId);
  if (!related) known.set(skillId, (related = findRelatedSkills(skillId, tree)));
  return related;
}

const relatedCache = new WeakMap<SkillTree, Map<number, readonly RelatedSkill[]>>();

function findRelatedSkills(skillId: number, tree: SkillTree): RelatedSkill[] {
  const related: RelatedSkill[] = tree
    .childrenOf(skillId)
    .map((id) => ({ skillId: id, relation: 'CHILD' as const, factor: SCORING.relatedFactor.CHILD }));
  const parent = tree.parentOf(skillId);
  if (parent !== null) {
    for (const sibling of tree.childrenOf(parent)) {
      if (sibling !== skillId) {
        related.push({ skillId: sibling, relation: 'SIBLING', factor: SCORING.relatedFactor.SIBLING });
      }
    }
    related.push({ skillId: parent, relation: 'PARENT', factor: SCORING.relatedFactor.PARENT });
  }
  return related;
}

/** Credit for holding a skill at `level` where `minLevel` is wanted: full at or above it. */
export function levelCredit(level: number, minLevel: number): number {
  return Math.min(1, level / minLevel);
}

/** A skill whose holders earn credit for a wanted skill, and that credit by level held (index 1 to 5; 0 elsewhere). */
export interface CreditingSkill {
  skillId: number;
  /** the wanted skill itself, rather than a relative */
  direct: boolean;
  /** shared by every ranking of the skill at its minimum level: read, never written */
  credits: Float64Array;
}

/**
 * The wanted skill and its relatives, each with the credit of every level held, computed
 * exactly as `creditFor` computes it: the ranking kernels read their lists through these,
 * so that their scores equal this module's.
 */
export function creditingSkills(wanted: WantedSkill, tree: SkillTree): readonly CreditingSkill[] {
  // Memoised per tree, as relatives are: every ranking asks for each of its posting's skills,
  // and fresh arrays of 256 credits for every list of every ranking were a third of what a
  // ranking allocated. Bounded: distinct skills and minimum levels are many in a taxonomy.
  const { skillId, minLevel } = wanted;
  if (!(Number.isInteger(minLevel) && minLevel >= 0 && minLevel < 8))
    return findCreditingSkills(wanted, tree);
  let known = creditCache.get(tree);
  if (!known) creditCache.set(tree, (known = new Map()));
  const key = skillId * 8 + minLevel;
  let ways = known.get(key);
  if (!ways) {
    if (known.size >= CREDIT_CACHE_ENTRIES) known.clear();
    known.set(key, (ways = findCreditingSkills(wanted, tree)));
  }
  return ways;
}

/** Distinct (skill, minimum level) pairs whose crediting skills are kept per tree. */
const CREDIT_CACHE_ENTRIES = 4096;
const creditCache = new WeakMap<SkillTree, Map<number, readonly CreditingSkill[]>>();

function findCreditingSkills(wanted: WantedSkill, tree: SkillTree): CreditingSkill[] {
  return [{ skillId: wanted.skillId, factor: 1 }, ...relatedSkills(wanted.skillId, tree)].map((way) => {
    const direct = way.skillId === wanted.skillId;
    // 256 entries: any level a byte column holds indexes it, earning 0 outside 1 to 5.
    const credits = new Float64Array(256);
    for (let level = 1; level <= 5; level++) {
      credits[level] = direct
        ? levelCredit(level, wanted.minLevel)
        : way.factor * levelCredit(level, wanted.minLevel);
    }
    return { skillId: way.skillId, direct, credits };
  });
}

/** A candidate's credit for one posting skill: the best of holding it and holding a related skill. */
export function creditFor(
  wanted: WantedSkill,
  levels: ReadonlyMap<number, number>,
  tree: SkillTree,
): SkillCredit {
  const held = levels.get(wanted.skillId);
  const { credit, viaSkillId, relation } = bestWay(wanted, levels, tree);
  return {
    skillId: wanted.skillId,
    importance: wanted.importance,
    minLevel: wanted.minLevel,
    weight: wanted.weight,
    candidateLevel: held ?? null,
    credit,
    viaSkillId,
    relation,
  };
}

/** The best way a candidate earns credit for a skill: holding it, or a related skill. */
interface BestWay {
  credit: number;
  viaSkillId: number | null;
  relation: Relation | null;
}

function bestWay(wanted: WantedSkill, levels: ReadonlyMap<number, number>, tree: SkillTree): BestWay {
  const held = levels.get(wanted.skillId);
  let credit = held === undefined ? 0 : levelCredit(held, wanted.minLevel);
  let viaSkillId: number | null = null;
  let relation: Relation | null = held === undefined ? null : 'DIRECT';
  for (const related of relatedSkills(wanted.skillId, tree)) {
    const level = levels.get(related.skillId);
    if (level === undefined) continue;
    const relatedCredit = related.factor * levelCredit(level, wanted.minLevel);
    if (relatedCredit > credit) {
      credit = relatedCredit;
      viaSkillId = related.skillId;
      relation = related.relation;
    }
  }
  return { credit, viaSkillId, relation };
}

/** Share of the skill score kept by a candidate with `years` where `minYears` are asked for. */
export function experienceFactor(years: number, minYears: number): number {
  if (minYears <= 0 || years >= minYears) return 1;
  const floor = SCORING.experienceFloor;
  return floor + (1 - floor) * (Math.max(0, years) / minYears);
}

/** Σ weight·credit / Σ weight, summed in posting-skill order (the index sums the same way). */
export function skillScore(credits: readonly { weight: number; credit: number }[]): number {
  let weighted = 0;
  let total = 0;
  for (const { weight, credit } of credits) {
    weighted += weight * credit;
    total += weight;
  }
  return total > 0 ? weighted / total : 0;
}

export function meetsAllRequired(credits: readonly SkillCredit[]): boolean {
  return credits.every(
    (c) => c.importance !== 'REQUIRED' || (c.candidateLevel !== null && c.candidateLevel >= c.minLevel),
  );
}

/** The score of a candidate for a posting, in [0, 1], with the credit of every posting skill. */
export function scoreMatch(posting: PostingInput, candidate: CandidateInput, tree: SkillTree): MatchResult {
  const skills = posting.skills.map((wanted) => creditFor(wanted, candidate.levels, tree));
  const base = skillScore(skills);
  const factor = experienceFactor(candidate.yearsExperience, posting.minYearsExperience);
  return {
    score: base * factor,
    skillScore: base,
    experienceFactor: factor,
    meetsAllRequired: meetsAllRequired(skills),
    skills,
  };
}

/**
 * The scoring inputs of many postings, laid out flat, so that one candidate is scored
 * against all of them in one pass over typed arrays: for ranking every open posting, of
 * which only a page is explained. A candidate's credit for a posting skill depends only
 * on the skill and the level asked for, and postings share these pairs, so each pair's
 * credit is worked out once per candidate.
 */
export class PostingTable {
  /** posting ids, by row */
  readonly ids: readonly number[];
  private readonly rows = new Map<number, number>();
  private readonly inputs: PostingInput[];
  /** a row's posting skills are entries start[row] to start[row + 1] - 1 */
  private readonly start: Int32Array;
  /** by entry: which distinct (skill, level) pair it asks for, and its weight */
  private readonly pairOf: Int32Array;
  private readonly weight: Float64Array;
  private readonly pairs: WantedSkill[] = [];

  constructor(postings: Iterable<[number, PostingInput]>) {
    const entries = [...postings];
    this.ids = entries.map(([id]) => id);
    this.inputs = entries.map(([, input]) => input);
    this.start = new Int32Array(entries.length + 1);
    const count = this.inputs.reduce((sum, input) => sum + input.skills.length, 0);
    this.pairOf = new Int32Array(count);
    this.weight = new Float64Array(count);
    const pairIndex = new Map<string, number>();
    let entry = 0;
    this.inputs.forEach((input, row) => {
      this.rows.set(this.ids[row], row);
      this.start[row] = entry;
      for (const wanted of input.skills) {
        const key = `${wanted.skillId}:${wanted.minLevel}`;
        let pair = pairIndex.get(key);
        if (pair === undefined) {
          pairIndex.set(key, (pair = this.pairs.length));
          this.pairs.push(wanted);
        }
        this.pairOf[entry] = pair;
        this.weight[entry++] = wanted.weight;
      }
    });
    this.start[entries.length] = entry;
  }

  /** The posting's scoring inputs; undefined when the table does not hold it. */
  input(id: number): PostingInput | undefined {
    const row = this.rows.get(id);
    return row === undefined ? undefined : this.inputs[row];
  }

  /** The row of a posting, to read its score from `scores`; undefined when the table does not hold it. */
  rowOf(id: number): number | undefined {
    return this.rows.get(id);
  }

  /** Every posting's score for the candidate, by row: exactly the score `scoreMatch` gives. */
  scores(candidate: CandidateInput, tree: SkillTree): Float64Array {
    const credit = new Float64Array(this.pairs.length);
    for (let pair = 0; pair < this.pairs.length; pair++)
      credit[pair] = bestWay(this.pairs[pair], candidate.levels, tree).credit;
    const scores = new Float64Array(this.ids.length);
    for (let row = 0; row < this.ids.length; row++) {
      // Summed in posting-skill order, as `skillScore` sums, so the floating-point result is the same.
      let weighted = 0;
      let total = 0;
      for (let entry = this.start[row]; entry < this.start[row + 1]; entry++) {
        weighted += this.weight[entry] * credit[this.pairOf[entry]];
        total += this.weight[entry];
      }
      const base = total > 0 ? weighted / total : 0;
      scores[row] = base * experienceFactor(candidate.yearsExperience, this.inputs[row].minYearsExperience);
    }
    return scores;
  }
}

/** The ranking order: score descending, then id ascending. Total and deterministic. */
export function compareRanked(a: { score: number; id: number }, b: { score: number; id: number }): number {
  return b.score - a.score || a.id - b.id;
}

/** Posting skills in the order credits are summed and explained: REQUIRED first, then by weight, then id. */
export function orderPostingSkills<T extends WantedSkill>(skills: readonly T[]): T[] {
  return [...skills].sort(
    (a, b) =>
      (a.importance === b.importance ? 0 : a.importance === 'REQUIRED' ? -1 : 1) ||
      b.weight - a.weight ||
      a.skillId - b.skillId,
  );
}
