// What a posting asks of a skill, as plain data (no database, no GraphQL): the vocabulary
// the posting entity, the GraphQL schema, the scoring model and the learning paths share.

/** How much a posting needs a skill; a GraphQL enum too (registered with the posting entity). */
export const Importance = {
  REQUIRED: 'REQUIRED',
  PREFERRED: 'PREFERRED',
} as const;
export type Importance = (typeof Importance)[keyof typeof Importance];

/** Weight a posting skill gets when none is given. */
export const DEFAULT_WEIGHT: Readonly<Record<Importance, number>> = {
  REQUIRED: 1.0,
  PREFERRED: 0.5,
};

/** A skill a posting asks for, with the level that fully meets it and the share of the score it carries. */
export interface WantedSkill {
  skillId: number;
  importance: Importance;
  /** 1 to 5 */
  minLevel: number;
  weight: number;
}
