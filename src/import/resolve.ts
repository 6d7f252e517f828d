import { DEFAULT_WEIGHT, Importance } from '../posting/posting.entity';
import { normalizeAlias } from '../skill/skill.entity';
import { SkillService } from '../skill/skill.service';
import { FoundSkill, ImportError, ImportRecord, ResolvedRecord, SkillRef } from './import.types';

// Skill names of a batch of records into ids, through the skill service's own resolution
// (slug or any alias, ignoring case), as everywhere in the API. Names are looked up once
// per import, a batch at a time; records that list no skills get those read from their
// text (read beforehand, a batch at a time, by the import's extractor).

/** Names remembered between batches; a file naming more distinct ones starts over. */
const MEMO_CAP = 20_000;

/** The skills a batch's names stand for. */
export class BatchNames {
  constructor(
    private readonly ids: Map<string, number | null>,
    private readonly suggestions: Map<string, string>,
  ) {}

  idOf(name: string): number | null {
    return this.ids.get(normalizeAlias(name)) ?? null;
  }

  unknownSkill(line: number, field: string, name: string): ImportError {
    const closest = this.suggestions.get(normalizeAlias(name));
    return {
      line,
      field,
      code: 'UNKNOWN_SKILL',
      message: `unknown skill "${name}"${closest ? `; did you mean "${closest}"?` : ''}`,
    };
  }
}

export class SkillNames {
  private readonly ids = new Map<string, number | null>();
  private readonly suggestions = new Map<string, string>();

  constructor(private readonly skills: SkillService) {}

  /**
   * The skills these records name, looking up only names not seen before: two statements,
   * plus one read for suggestions. The answer is the batch's own, so that batches in
   * flight together never see the memo cleared under them.
   */
  async learn(records: ImportRecord[]): Promise<BatchNames> {
    const names = new Set<string>();
    for (const record of records) {
      for (const s of record.skills ?? []) names.add(normalizeAlias(s.skill));
      if (record.type === 'course') for (const p of record.prerequisites) names.add(normalizeAlias(p));
    }
    const unseen = [...names].filter((n) => !this.ids.has(n));
    if (unseen.length > 0) {
      if (this.ids.size + unseen.length > MEMO_CAP) {
        this.ids.clear();
        this.suggestions.clear();
      }
      const found = await this.skills.findManyBySlugOrAlias(unseen);
      const unknown = unseen.filter((n) => !found.has(n));
      for (const name of unseen) this.ids.set(name, found.get(name)?.id ?? null);
      if (unknown.length > 0) {
        for (const [name, slug] of Object.entries(await this.skills.suggestionsFor(unknown))) {
          this.suggestions.set(normalizeAlias(name), slug);
        }
      }
    }
    const ids = new Map<string, number | null>();
    const suggestions = new Map<string, string>();
    for (const name of names) {
      ids.set(name, this.ids.get(name) ?? null);
      const suggestion = this.suggestions.get(name);
      if (suggestion !== undefined) suggestions.set(name, suggestion);
    }
    return new BatchNames(ids, suggestions);
  }
}

/**
 * The record with its skills as ids, or why some cannot be. `found`: the skills read from
 * its text, for a record that lists none.
 */
export function resolveSkills(
  record: ImportRecord,
  line: number,
  names: BatchNames,
  found: FoundSkill[] | null,
): ResolvedRecord | { errors: ImportError[] } {
  const errors: ImportError[] = [];
  const skills: SkillRef[] = [];
  if (record.skills !== null) {
    const seen = new Set<number>();
    record.skills.forEach((s, i) => {
      const skillId = names.idOf(s.skill);
      if (skillId === null) {
        errors.push(names.unknownSkill(line, `skills[${i}].skill`, s.skill));
      } else if (seen.has(skillId)) {
        errors.push({
          line,
          field: `skills[${i}].skill`,
          code: 'DUPLICATE_SKILL',
          message: `"${s.skill}" names a skill listed already`,
        });
      } else {
        seen.add(skillId);
        skills.push({
          skillId,
          level: s.level,
          importance: s.importance,
          weight: weightOf(s),
          years: s.years,
        });
      }
    });
  }
  const prerequisiteIds: number[] = [];
  if (record.type === 'course') {
    record.prerequisites.forEach((name, i) => {
      const id = names.idOf(name);
      if (id === null) errors.push(names.unknownSkill(line, `prerequisites[${i}]`, name));
      else if (!prerequisiteIds.includes(id)) prerequisiteIds.push(id);
    });
  }
  if (errors.length > 0) return { errors };
  if (record.skills === null) {
    // a course does not teach what it lists as a prerequisite
    const seen = new Set(prerequisiteIds);
    for (const s of found ?? []) {
      if (seen.has(s.skillId)) continue;
      seen.add(s.skillId);
      skills.push({ ...s, weight: weightOf(s) });
    }
  }
  return {
    line,
    record,
    skills: shapeFor(record, skills),
    prerequisiteIds,
    extracted: record.skills === null,
  };
}

function weightOf(s: { importance?: Importance; weight?: number | null }): number | undefined {
  return s.importance ? (s.weight ?? DEFAULT_WEIGHT[s.importance]) : undefined;
}

/** Only the attributes a record's table keeps, so that comparing with what is stored is exact. */
function shapeFor(record: ImportRecord, skills: SkillRef[]): SkillRef[] {
  switch (record.type) {
    case 'posting':
      return skills.map((s) => ({
        skillId: s.skillId,
        level: s.level,
        importance: s.importance ?? Importance.REQUIRED,
        weight: s.weight ?? DEFAULT_WEIGHT[s.importance ?? Importance.REQUIRED],
      }));
    case 'candidate':
      return skills.map((s) => ({ skillId: s.skillId, level: s.level, years: s.years ?? null }));
    case 'course':
      return skills.map((s) => ({ skillId: s.skillId, level: s.level }));
  }
}
