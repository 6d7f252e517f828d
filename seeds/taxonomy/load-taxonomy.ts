import { EntityManager, In } from 'typeorm';
import { moveUpdatedAt, nextUpdatedAt } from '../../src/common/updated-at';
import { ExternalId, normalizeAlias, Skill, SkillAlias, TaxonomyVersion } from '../../src/skill/skill.entity';
import type { TaxonomyFile, TaxonomySkill } from '../../src/taxonomy/taxonomy.types';

// Loads the taxonomy in bulk: one read of every skill and alias, multi-row inserts for
// what is missing (parents before children), single updates only for rows that differ.
// Skills the file does not name (made through the API) are left as they are.

const CHUNK = 100; // rows per insert: well under SQLite's bound variables and MySQL's packet

export interface TaxonomyLoad {
  ids: Map<string, number>;
  writes: number;
}

export async function loadTaxonomyInto(tx: EntityManager, taxonomy: TaxonomyFile): Promise<TaxonomyLoad> {
  const skills = tx.getRepository(Skill);
  const existing = new Map((await skills.find()).map((s) => [s.slug, s]));
  const ids = new Map([...existing].map(([slug, s]) => [slug, s.id]));
  let writes = 0;

  const rowFor = (seed: TaxonomySkill): Partial<Skill> => ({
    slug: seed.slug,
    name: seed.name,
    category: seed.category as Skill['category'],
    description: seed.description,
    parentId: seed.parent ? (ids.get(seed.parent) ?? null) : null,
    externalIds: seed.externalIds as ExternalId[],
    hotTechnology: seed.hot ?? false,
  });

  let missing = taxonomy.skills.filter((s) => !existing.has(s.slug));
  while (missing.length > 0) {
    const ready = missing.filter((s) => !s.parent || ids.has(s.parent));
    if (ready.length === 0) throw new Error(`Taxonomy parents missing for ${missing[0].slug}`);
    for (let i = 0; i < ready.length; i += CHUNK) {
      const chunk = ready.slice(i, i + CHUNK);
      await skills.insert(chunk.map(rowFor) as Skill[]);
      writes += chunk.length;
      const inserted = await skills.find({
        select: { id: true, slug: true },
        where: { slug: In(chunk.map((s) => s.slug)) },
      });
      for (const row of inserted) ids.set(row.slug, row.id);
    }
    const done = new Set(ready);
    missing = missing.filter((s) => !done.has(s));
  }

  /** the skills stored before whose `updatedAt` has not moved yet */
  const unmoved = new Set([...existing.values()].map((s) => s.id));
  for (const seed of taxonomy.skills) {
    const current = existing.get(seed.slug);
    if (!current) continue;
    const wanted = rowFor(seed);
    const changed = Object.fromEntries(
      Object.entries(wanted).filter(
        ([key, value]) =>
          JSON.stringify((current as unknown as Record<string, unknown>)[key]) !== JSON.stringify(value),
      ),
    );
    if (Object.keys(changed).length > 0) {
      writes++;
      await skills.update(current.id, { ...changed, updatedAt: nextUpdatedAt(tx) });
      unmoved.delete(current.id);
    }
  }

  writes += await syncAliases(tx, taxonomy, ids, unmoved);
  const versions = tx.getRepository(TaxonomyVersion);
  if (!(await versions.existsBy({ version: taxonomy.version }))) {
    writes++;
    await versions.insert({ version: taxonomy.version, skillCount: taxonomy.skills.length });
  }
  return { ids, writes };
}

/**
 * Makes the aliases of the taxonomy's skills exactly those of the file, and moves the
 * `updatedAt` of the skills of `unmoved` whose aliases changed, so every instance reads
 * their names again (a skill just inserted or updated has moved already).
 */
async function syncAliases(
  tx: EntityManager,
  taxonomy: TaxonomyFile,
  ids: Map<string, number>,
  unmoved: Set<number>,
): Promise<number> {
  const aliases = tx.getRepository(SkillAlias);
  const wanted = new Map<string, { skillId: number; alias: string }>();
  for (const seed of taxonomy.skills) {
    const skillId = ids.get(seed.slug)!;
    for (const alias of seed.aliases) wanted.set(normalizeAlias(alias), { skillId, alias: alias.trim() });
  }
  const ours = new Set(taxonomy.skills.map((s) => ids.get(s.slug)));
  let writes = 0;
  const stale: number[] = [];
  const present = new Set<string>();
  const changedSkills = new Set<number>();
  for (const row of await aliases.find()) {
    const want = wanted.get(row.normalized);
    if (!want) {
      if (ours.has(row.skillId)) {
        stale.push(row.id);
        changedSkills.add(row.skillId);
      }
      continue;
    }
    present.add(row.normalized);
    if (row.skillId !== want.skillId || row.alias !== want.alias) {
      writes++;
      await aliases.update(row.id, want);
      changedSkills.add(row.skillId).add(want.skillId);
    }
  }
  for (let i = 0; i < stale.length; i += CHUNK) await aliases.delete(stale.slice(i, i + CHUNK));
  writes += stale.length;
  const toInsert = [...wanted].filter(([normalized]) => !present.has(normalized));
  for (let i = 0; i < toInsert.length; i += CHUNK) {
    const chunk = toInsert.slice(i, i + CHUNK);
    await aliases.insert(chunk.map(([normalized, a]) => ({ ...a, normalized })));
    for (const [, a] of chunk) changedSkills.add(a.skillId);
  }
  const skills = [...changedSkills].filter((id) => unmoved.has(id));
  for (let i = 0; i < skills.length; i += CHUNK) await moveUpdatedAt(tx, Skill, skills.slice(i, i + CHUNK));
  return writes + toInsert.length + skills.length;
}
