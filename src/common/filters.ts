import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * A LIKE pattern matching `text` anywhere, with the user's own wildcards taken
 * literally. `!` is the escape character because MySQL and SQLite disagree on
 * backslashes; use it with `LIKE_ESCAPE`.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export const LIKE_ESCAPE = "ESCAPE '!'";

/**
 * Keeps rows linked to every one of `skillIds` through `linkTable` (posting_skill,
 * candidate_skill, course_skill): one grouped sub-query, whatever the number of skills.
 */
export function havingAllSkills<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  linkTable: string,
  linkColumn: string,
  skillIds: number[],
): SelectQueryBuilder<T> {
  const unique = [...new Set(skillIds)];
  return query.andWhere(
    `${query.alias}.id IN (SELECT link.${linkColumn} FROM ${linkTable} link WHERE link.skillId IN (:...allSkillIds) ` +
      `GROUP BY link.${linkColumn} HAVING COUNT(*) = :allSkillCount)`,
    { allSkillIds: unique, allSkillCount: unique.length },
  );
}
