// The skill hierarchy as plain data (no database, no GraphQL): the skill catalogue builds
// it, and the scoring model reads it to credit related skills.

/** The skill hierarchy: each skill's parent, and each skill's children. */
export interface SkillTree {
  parentOf(skillId: number): number | null;
  childrenOf(skillId: number): readonly number[];
}

export function buildSkillTree(skills: readonly { id: number; parentId: number | null }[]): SkillTree {
  const parents = new Map<number, number | null>();
  const children = new Map<number, number[]>();
  for (const { id, parentId } of skills) {
    parents.set(id, parentId);
    if (parentId !== null) {
      const list = children.get(parentId) ?? [];
      list.push(id);
      children.set(parentId, list);
    }
  }
  for (const list of children.values()) list.sort((a, b) => a - b);
  return {
    parentOf: (id) => parents.get(id) ?? null,
    childrenOf: (id) => children.get(id) ?? [],
  };
}
