// Learning paths: which courses close the gap between a learner and a posting.
// Pure functions over plain data (no database, no GraphQL).

import { CourseInput } from '../course/course-input';
import { Importance, WantedSkill } from '../posting/wanted-skill';

/** A skill of the posting the learner still has to learn, and how much it matters. */
export interface GapSkill {
  skillId: number;
  importance: Importance;
  minLevel: number;
  weight: number;
}

export interface Constraints {
  maxBudgetUsd?: number | null;
  maxWeeks?: number | null;
  preferFormat?: string | null;
}

export interface Coverage {
  skillId: number;
  minLevel: number;
  level: number;
}

export interface Recommendation {
  course: CourseInput;
  covers: Coverage[];
  weightCovered: number;
  /** share of the gap's weight this course covers on its own, 0 to 1 */
  coverage: number;
}

export interface PathStep {
  course: CourseInput;
  /** gap skills this step is the first to cover */
  adds: Coverage[];
}

export interface Path {
  steps: PathStep[];
  covered: number[];
  uncovered: number[];
  unmetPrerequisites: number[];
  coverage: number;
  totalWeeks: number | null;
  totalPriceUsd: number | null;
}

/** Full-time weeks a course of `hours` takes, when only hours are published. */
export const HOURS_PER_WEEK = 40;
/** A course in another format than the one preferred costs this much more when choosing. */
export const OTHER_FORMAT_PENALTY = 1.5;

/**
 * The posting skills a learner does not hold directly at the level asked for.
 * Without a learner, every posting skill is in the gap. Partial credit through a
 * related skill does not close a gap: the learner still has to learn the skill.
 */
export function gapFor(
  wanted: readonly WantedSkill[],
  levels: ReadonlyMap<number, number> | null,
): GapSkill[] {
  return wanted
    .filter((w) => levels === null || (levels.get(w.skillId) ?? 0) < w.minLevel)
    .map((w) => ({
      skillId: w.skillId,
      importance: w.importance,
      minLevel: w.minLevel,
      weight: w.weight,
    }));
}

/** Gap skills a course teaches to at least the level asked for. */
export function coveredBy(course: CourseInput, gap: readonly GapSkill[]): Coverage[] {
  return gap.flatMap((g) => {
    const level = course.teaches.get(g.skillId);
    return level !== undefined && level >= g.minLevel
      ? [{ skillId: g.skillId, minLevel: g.minLevel, level }]
      : [];
  });
}

const totalWeight = (gap: readonly GapSkill[]) => gap.reduce((sum, g) => sum + g.weight, 0);

/** Courses ranked by how much of the gap's weight each covers on its own (ties: cheaper, then id). */
export function rankCourses(gap: readonly GapSkill[], courses: readonly CourseInput[]): Recommendation[] {
  const total = totalWeight(gap);
  const weightOf = new Map(gap.map((g) => [g.skillId, g.weight]));
  return courses
    .map((course) => {
      const covers = coveredBy(course, gap);
      const weightCovered = covers.reduce((sum, c) => sum + weightOf.get(c.skillId)!, 0);
      return { course, covers, weightCovered, coverage: total > 0 ? weightCovered / total : 0 };
    })
    .filter((r) => r.weightCovered > 0)
    .sort(
      (a, b) =>
        b.weightCovered - a.weightCovered ||
        weeksOf(a.course) - weeksOf(b.course) ||
        a.course.id - b.course.id,
    );
}

/** Weeks a course takes: published weeks, else hours at full time, else one week. */
export function weeksOf(course: CourseInput): number {
  return course.durationWeeks ?? (course.durationHours !== null ? course.durationHours / HOURS_PER_WEEK : 1);
}

/**
 * A small set of courses covering as much of the gap's weight as possible, by greedy
 * weighted set cover, pruned of redundant courses, ordered so that every course's
 * prerequisites are held by the learner or taught by an earlier step.
 */
export function learningPath(
  gap: readonly GapSkill[],
  catalogue: readonly CourseInput[],
  held: ReadonlyMap<number, number>,
  constraints: Constraints = {},
): Path {
  const candidates = catalogue.filter((c) => fitsAlone(c, constraints));
  const chosen = greedyCover(gap, candidates, constraints);
  const needed = prune(gap, chosen, held);
  const withPrerequisites = prune(gap, addPrerequisiteCourses(needed, candidates, held, constraints), held);
  const ordered = orderByPrerequisites(withPrerequisites, held);
  return describe(gap, ordered, held);
}

/** Unknown prices or lengths cannot be shown to fit a budget, so such courses are left out under one. */
function fitsAlone(course: CourseInput, { maxBudgetUsd, maxWeeks }: Constraints): boolean {
  if (maxBudgetUsd != null && (course.priceUsd === null || course.priceUsd > maxBudgetUsd)) return false;
  if (
    maxWeeks != null &&
    ((course.durationWeeks === null && course.durationHours === null) || weeksOf(course) > maxWeeks)
  ) {
    return false;
  }
  return true;
}

function costOf(course: CourseInput, constraints: Constraints): number {
  const base = constraints.maxBudgetUsd != null ? (course.priceUsd ?? 0) : weeksOf(course);
  const penalty =
    constraints.preferFormat && course.format !== constraints.preferFormat ? OTHER_FORMAT_PENALTY : 1;
  return Math.max(base, 1e-6) * penalty;
}

function withinBudget(path: readonly CourseInput[], constraints: Constraints): boolean {
  const price = path.reduce((sum, c) => sum + (c.priceUsd ?? 0), 0);
  const weeks = path.reduce((sum, c) => sum + weeksOf(c), 0);
  return (
    (constraints.maxBudgetUsd == null || price <= constraints.maxBudgetUsd + 1e-9) &&
    (constraints.maxWeeks == null || weeks <= constraints.maxWeeks + 1e-9)
  );
}

function greedyCover(
  gap: readonly GapSkill[],
  courses: readonly CourseInput[],
  constraints: Constraints,
): CourseInput[] {
  const chosen: CourseInput[] = [];
  const uncovered = new Map(gap.map((g) => [g.skillId, g]));
  for (;;) {
    let best: { course: CourseInput; gain: number; ratio: number } | null = null;
    for (const course of courses) {
      if (chosen.includes(course) || !withinBudget([...chosen, course], constraints)) continue;
      const gain = coveredBy(course, [...uncovered.values()]).reduce(
        (sum, c) => sum + uncovered.get(c.skillId)!.weight,
        0,
      );
      if (gain <= 0) continue;
      const ratio = gain / costOf(course, constraints);
      if (
        !best ||
        ratio > best.ratio ||
        (ratio === best.ratio && (gain > best.gain || (gain === best.gain && course.id < best.course.id)))
      ) {
        best = { course, gain, ratio };
      }
    }
    if (!best) return chosen;
    chosen.push(best.course);
    for (const c of coveredBy(best.course, [...uncovered.values()])) uncovered.delete(c.skillId);
  }
}

/**
 * Drops courses that add no gap skill and teach no prerequisite the rest need,
 * considering the latest-chosen first, until no more can go.
 */
function prune(
  gap: readonly GapSkill[],
  chosen: CourseInput[],
  held: ReadonlyMap<number, number>,
): CourseInput[] {
  let kept = [...chosen];
  for (let changed = true; changed;) {
    changed = false;
    for (const course of [...kept].reverse()) {
      const without = kept.filter((c) => c !== course);
      if (
        coveredWeight(gap, without) === coveredWeight(gap, kept) &&
        unmet(without, held).length <= unmet(kept, held).length
      ) {
        kept = without;
        changed = true;
      }
    }
  }
  return kept;
}

function coveredWeight(gap: readonly GapSkill[], courses: readonly CourseInput[]): number {
  return gap
    .filter((g) => courses.some((c) => (c.teaches.get(g.skillId) ?? 0) >= g.minLevel))
    .reduce((s, g) => s + g.weight, 0);
}

/** Prerequisites of the path that neither the learner holds nor any course of the path teaches. */
function unmet(path: readonly CourseInput[], held: ReadonlyMap<number, number>): number[] {
  const taught = new Set(path.flatMap((c) => [...c.teaches.keys()]));
  return [...new Set(path.flatMap((c) => c.prerequisites))]
    .filter((s) => !held.has(s) && !taught.has(s))
    .sort((a, b) => a - b);
}

/** Adds, greedily, courses teaching prerequisites that nothing in the path provides. */
function addPrerequisiteCourses(
  path: CourseInput[],
  courses: readonly CourseInput[],
  held: ReadonlyMap<number, number>,
  constraints: Constraints,
): CourseInput[] {
  const result = [...path];
  for (;;) {
    const missing = unmet(result, held);
    if (missing.length === 0) return result;
    const helper = courses
      .filter((c) => !result.includes(c) && withinBudget([...result, c], constraints))
      .map((c) => ({ c, teaches: missing.filter((s) => c.teaches.has(s)).length }))
      .filter((x) => x.teaches > 0)
      .sort(
        (a, b) =>
          b.teaches - a.teaches || costOf(a.c, constraints) - costOf(b.c, constraints) || a.c.id - b.c.id,
      )[0];
    if (!helper) return result;
    result.push(helper.c);
  }
}

/** Orders steps so that prerequisites come first; where that is impossible, keeps the chosen order. */
function orderByPrerequisites(
  path: readonly CourseInput[],
  held: ReadonlyMap<number, number>,
): CourseInput[] {
  const ordered: CourseInput[] = [];
  const known = new Set(held.keys());
  const remaining = [...path];
  const taughtByPath = new Set(path.flatMap((c) => [...c.teaches.keys()]));
  while (remaining.length > 0) {
    // Ready: every prerequisite is known, or is taught nowhere in the path (it will be reported).
    const next =
      remaining.find((c) => c.prerequisites.every((p) => known.has(p) || !taughtByPath.has(p))) ??
      remaining[0];
    remaining.splice(remaining.indexOf(next), 1);
    ordered.push(next);
    for (const skill of next.teaches.keys()) known.add(skill);
  }
  return ordered;
}

function describe(gap: readonly GapSkill[], ordered: CourseInput[], held: ReadonlyMap<number, number>): Path {
  const coveredSoFar = new Set<number>();
  const steps = ordered.map((course) => {
    const adds = coveredBy(
      course,
      gap.filter((g) => !coveredSoFar.has(g.skillId)),
    );
    for (const a of adds) coveredSoFar.add(a.skillId);
    return { course, adds };
  });
  const total = totalWeight(gap);
  const coveredWeightSum = gap.filter((g) => coveredSoFar.has(g.skillId)).reduce((s, g) => s + g.weight, 0);
  const weeks = ordered.map(
    (c) => c.durationWeeks ?? (c.durationHours !== null ? c.durationHours / HOURS_PER_WEEK : null),
  );
  const prices = ordered.map((c) => c.priceUsd);
  return {
    steps,
    covered: gap.filter((g) => coveredSoFar.has(g.skillId)).map((g) => g.skillId),
    uncovered: gap.filter((g) => !coveredSoFar.has(g.skillId)).map((g) => g.skillId),
    unmetPrerequisites: unmetInOrder(ordered, held),
    coverage: total > 0 ? coveredWeightSum / total : 1,
    totalWeeks:
      ordered.length === 0 ? 0 : weeks.every((w) => w !== null) ? weeks.reduce((s, w) => s! + w!, 0) : null,
    totalPriceUsd:
      ordered.length === 0 ? 0 : prices.every((p) => p !== null) ? prices.reduce((s, p) => s! + p!, 0) : null,
  };
}

/** Prerequisites not held by the learner nor taught by an earlier step, in step order. */
export function unmetInOrder(ordered: readonly CourseInput[], held: ReadonlyMap<number, number>): number[] {
  const known = new Set(held.keys());
  const missing = new Set<number>();
  for (const course of ordered) {
    for (const p of course.prerequisites) if (!known.has(p)) missing.add(p);
    for (const skill of course.teaches.keys()) known.add(skill);
  }
  return [...missing];
}
