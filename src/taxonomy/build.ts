import { createHash } from 'node:crypto';
import { escoLabel, isVariantOf, onetNames } from './names';
import { COMMON_WORDS, termRules } from './term-rules';
import { compactKey, slugFor, tokenKeys } from './text';
import type { Category, ExternalRef, TaxonomyFile, TaxonomyOverrides, TaxonomySkill } from './taxonomy.types';

// Merges the public sources into one back-end and software taxonomy. Sources are taken in
// order of trust (the reference data, curated additions, Linguist, O*NET, ESCO, then Stack
// Overflow's synonyms for aliases only); an item joins the skill that already owns its name
// or one of its derived names, else it becomes a new skill. An alias belongs to the first
// skill that claims it. The overrides are applied during the merge, so they hold after
// every import. Pure: the caller reads the files.

export interface EscoItem {
  uri: string;
  label: string;
  aliases: string[];
  skillType: string;
  description: string;
  broader: { uri: string; label: string }[];
  path_to_root: { uri: string; label: string }[];
}

export interface OnetRow {
  technology: string;
  commodity_code: string;
  commodity_title: string;
  class_title: string;
  hot_technology: string;
}

export interface LinguistLanguage {
  name: string;
  type: string;
  aliases: string[];
  group: string | null;
  languageId: number;
}

export interface TagSynonym {
  alias: string;
  canonical: string;
  canonicalQuestions: number;
}

export interface ReferenceSkill {
  slug: string;
  name: string;
  category: string;
  description: string;
  parent?: string;
  aliases?: string[];
}

export interface Sources {
  reference: ReferenceSkill[];
  esco: EscoItem[];
  onet: OnetRow[];
  linguist: LinguistLanguage[];
  stackoverflow: TagSynonym[];
  /** the most common English words, most common first */
  commonWords: string[];
  /** English words, for telling a language named by one ("Dart", "Groovy") */
  dictionary?: string[];
  attribution: TaxonomyFile['sources'];
}

interface Draft extends Omit<TaxonomySkill, 'aliases'> {
  aliases: Map<string, string>;
}

/** ESCO branches kept: ICT knowledge and the computer-work skills, not all of ESCO. */
const ESCO_BRANCHES = [
  'information and communication technologies (icts)',
  'programming computer systems',
  'setting up and protecting computer systems',
  'accessing and analysing digital data',
];

const ONET_CATEGORY: [RegExp, Category][] = [
  [/Data base|data base|Object oriented data base|Clustering/, 'DATABASE'],
  [
    /Operating system|Application server|Cloud|Web platform|Portal|Transaction server|Network operation/,
    'PLATFORM',
  ],
  [/Object or component oriented|Graphical user interface development/, 'FRAMEWORK'],
  [/Enterprise application integration/, 'API'],
];

export function buildTaxonomy(sources: Sources, overrides: TaxonomyOverrides): TaxonomyFile {
  const generic = new Set(overrides.generic.map(compactKey));
  const blocked = new Map(
    Object.entries(overrides.blockedAliases).map(([slug, aliases]) => [
      slug,
      new Set(aliases.map(compactKey)),
    ]),
  );
  const excluded = new Set(overrides.exclude.map(compactKey));
  const mergeInto = new Map<string, string>();
  for (const [slug, names] of Object.entries(overrides.merge))
    for (const name of names) mergeInto.set(compactKey(name), slug);

  const drafts: Draft[] = [];
  const bySlug = new Map<string, Draft>();
  const byKey = new Map<string, Draft>();

  const claim = (draft: Draft, alias: string): void => {
    const key = compactKey(alias);
    if (!key || generic.has(key) || blocked.get(draft.slug)?.has(key) || alias.length > 80) return;
    const owner = byKey.get(key);
    if (owner && owner !== draft) return;
    byKey.set(key, draft);
    const lower = alias.trim().toLowerCase();
    const redundant = lower === draft.slug && lower === draft.name.toLowerCase();
    if (!redundant && ![...draft.aliases.values()].some((a) => a.toLowerCase() === lower))
      draft.aliases.set(lower, alias.trim());
  };
  const create = (fields: Omit<Draft, 'aliases' | 'externalIds' | 'slug'> & { slug?: string }): Draft => {
    let slug = fields.slug ?? slugFor(fields.name);
    for (let n = 2; bySlug.has(slug) || !slug; n++) slug = `${slugFor(fields.name) || 'skill'}-${n}`;
    const draft: Draft = { ...fields, slug, aliases: new Map(), externalIds: [] };
    drafts.push(draft);
    bySlug.set(slug, draft);
    claim(draft, fields.name);
    return draft;
  };
  /** the skill an item with these names joins, if any: a curated merge first, then by name */
  const existing = (names: string[]): Draft | undefined => {
    for (const name of names) {
      const slug = mergeInto.get(compactKey(name));
      if (slug && bySlug.has(slug)) return bySlug.get(slug);
    }
    for (const name of names) {
      const found = byKey.get(compactKey(name));
      if (found) return found;
    }
    return undefined;
  };
  const isGeneric = (name: string) => generic.has(compactKey(name)) || excluded.has(compactKey(name));
  const addRef = (draft: Draft, ref: ExternalRef) => {
    if (!draft.externalIds.some((r) => r.scheme === ref.scheme && r.id === ref.id))
      draft.externalIds.push(ref);
  };

  for (const ref of sources.reference) {
    const draft = create({
      slug: ref.slug,
      name: ref.name,
      category: ref.category as Category,
      description: ref.description,
      parent: ref.parent,
    });
    for (const alias of ref.aliases ?? []) claim(draft, alias);
  }
  for (const added of overrides.add) {
    const { aliases, ...fields } = added;
    const draft = create(fields);
    for (const alias of aliases) claim(draft, alias);
  }

  // Linguist's aliases are file-type names; one that is an everyday word ("be") names no skill
  const everyday = new Set(sources.commonWords.slice(0, COMMON_WORDS));
  const languageNames = new Set(sources.linguist.map((l) => l.name));
  for (const lang of sources.linguist) {
    if (lang.type !== 'programming' || isGeneric(lang.name)) continue;
    const names = [lang.name, ...lang.aliases];
    const draft =
      existing(names) ??
      create({
        name: lang.name,
        category: 'LANGUAGE',
        description: `${lang.name}, a programming language (GitHub Linguist).`,
      });
    names.filter((n, i) => i === 0 || !everyday.has(n.toLowerCase())).forEach((n) => claim(draft, n));
    addRef(draft, { scheme: 'LINGUIST', id: String(lang.languageId) });
    if (lang.group && languageNames.has(lang.group) && lang.group !== lang.name)
      draft.parent ??= `linguist:${lang.group}`;
  }

  const groups = new Map<string, Draft>();
  const groupFor = (title: string, code: string, parent?: Draft): Draft => {
    let group = groups.get(title);
    if (!group) {
      group = create({
        name: title,
        category: 'TOOL',
        description: `${title} (UNSPSC).`,
        group: true,
        parent: parent?.slug,
      });
      addRef(group, { scheme: 'UNSPSC', id: code });
      groups.set(title, group);
    }
    return group;
  };
  for (const row of sources.onet) {
    if (isGeneric(row.technology)) continue;
    const names = onetNames(row.technology).filter((n) => !isGeneric(n));
    if (names.length === 0 || onetNames(row.technology).some((n) => excluded.has(compactKey(n)))) continue;
    const classGroup = groupFor(row.class_title, row.commodity_code.slice(0, 6) + '00');
    const commodity = groupFor(row.commodity_title, row.commodity_code, classGroup);
    const draft =
      existing(names) ??
      create({
        name: names[0],
        category: ONET_CATEGORY.find(([pattern]) => pattern.test(row.commodity_title))?.[1] ?? 'TOOL',
        description: `${names[0]}: ${row.commodity_title.toLowerCase()} (O*NET).`,
        parent: commodity.slug,
      });
    names.forEach((n) => claim(draft, n));
    addRef(draft, { scheme: 'ONET', id: row.technology });
    if (row.hot_technology === 'Y') draft.hot = true;
  }

  const escoSlugs = new Map<string, string>();
  const escoCreated = new Set<Draft>();
  const escoKept = sources.esco.filter((item) =>
    item.path_to_root.some((p) => ESCO_BRANCHES.includes(p.label.toLowerCase())),
  );
  for (const item of escoKept) {
    const label = escoLabel(item.label);
    if (isGeneric(label)) continue;
    const aliases = item.aliases.map(escoLabel).filter((a) => !isGeneric(a) && isVariantOf(a, label));
    let draft = existing([label]);
    if (!draft) {
      draft = create({
        name: label,
        category: escoCategory(item),
        description: truncate(item.description, 300),
      });
      escoCreated.add(draft);
    }
    [label, ...aliases].forEach((n) => claim(draft, n));
    addRef(draft, { scheme: 'ESCO', id: item.uri });
    escoSlugs.set(item.uri, draft.slug);
  }
  // ESCO's broader concepts place only the skills ESCO brought: "computer programming" above
  // every language would make any two languages siblings, and matching credits siblings
  for (const item of escoKept) {
    const draft = bySlug.get(escoSlugs.get(item.uri) ?? '');
    const broader = item.broader.map((b) => escoSlugs.get(b.uri)).find((s) => s && s !== draft?.slug);
    if (draft && broader && !draft.parent && escoCreated.has(draft)) draft.parent = broader;
  }

  for (const { alias, canonical } of sources.stackoverflow) {
    const draft = existing([canonical, canonical.replace(/-/g, ' ')]);
    if (!draft || draft.group) continue;
    claim(draft, canonical);
    if (isVariantOf(alias, canonical)) claim(draft, alias);
    addRef(draft, { scheme: 'STACKOVERFLOW', id: canonical });
  }

  // the reference skills keep their own place in the hierarchy
  for (const ref of sources.reference) bySlug.get(ref.slug)!.parent = ref.parent;
  applyEdits(drafts, bySlug, overrides, claim);
  resolveParents(drafts, bySlug, sources.linguist);
  const skills = orderParentsFirst(drafts).map(finish);
  const terms = termRules(skills, sources.commonWords, sources.dictionary ?? [], overrides);
  const notInText = [...new Set(overrides.notInText.map((t) => tokenKeys(t).join(' ')))].sort();
  const content = { skills, terms, notInText };
  // named by its content, so an import that changes nothing keeps the version
  const version = `1-${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12)}`;
  return { version, sources: sources.attribution, ...content };
}

function escoCategory(item: EscoItem): Category {
  if (/\(computer programming\)/i.test(item.label)) return 'LANGUAGE';
  return item.skillType === 'knowledge' ? 'CONCEPT' : 'PRACTICE';
}

function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

function applyEdits(
  drafts: Draft[],
  bySlug: Map<string, Draft>,
  overrides: TaxonomyOverrides,
  claim: (draft: Draft, alias: string) => void,
): void {
  for (const [key, edit] of Object.entries(overrides.edit)) {
    const draft =
      bySlug.get(key) ?? drafts.find((d) => d.name === key || compactKey(d.name) === compactKey(key));
    if (!draft) throw new Error(`Taxonomy override names an unknown skill: "${key}"`);
    const { addAliases, ...fields } = edit;
    if (fields.slug && fields.slug !== draft.slug) {
      if (bySlug.has(fields.slug)) throw new Error(`Taxonomy override reuses the slug "${fields.slug}"`);
      bySlug.delete(draft.slug);
      for (const other of drafts) if (other.parent === draft.slug) other.parent = fields.slug;
      bySlug.set(fields.slug, draft);
    }
    Object.assign(draft, fields);
    draft.aliases.delete(draft.slug);
    for (const alias of addAliases ?? []) claim(draft, alias);
  }
}

function resolveParents(drafts: Draft[], bySlug: Map<string, Draft>, linguist: LinguistLanguage[]): void {
  const slugOfLanguage = new Map<string, string>();
  for (const draft of drafts)
    for (const ref of draft.externalIds)
      if (ref.scheme === 'LINGUIST') {
        const lang = linguist.find((l) => String(l.languageId) === ref.id);
        if (lang) slugOfLanguage.set(lang.name, draft.slug);
      }
  for (const draft of drafts) {
    if (draft.parent?.startsWith('linguist:')) draft.parent = slugOfLanguage.get(draft.parent.slice(9));
    if (draft.parent && (!bySlug.has(draft.parent) || draft.parent === draft.slug)) draft.parent = undefined;
  }
  // a cycle (two sources disagreeing about which is broader) is cut where it closes
  for (const draft of drafts) {
    const seen = new Set([draft.slug]);
    for (let at = draft.parent; at; at = bySlug.get(at)?.parent) {
      if (seen.has(at)) {
        draft.parent = undefined;
        break;
      }
      seen.add(at);
    }
  }
}

function orderParentsFirst(drafts: Draft[]): Draft[] {
  const bySlug = new Map(drafts.map((d) => [d.slug, d]));
  const depth = (d: Draft): number => (d.parent ? 1 + depth(bySlug.get(d.parent)!) : 0);
  return drafts
    .map((d) => [depth(d), d] as const)
    .sort((a, b) => a[0] - b[0] || a[1].slug.localeCompare(b[1].slug))
    .map(([, d]) => d);
}

function finish(draft: Draft): TaxonomySkill {
  const skill: TaxonomySkill = {
    slug: draft.slug,
    name: draft.name.slice(0, 120),
    category: draft.category,
    description: truncate(draft.description, 300),
    aliases: [...draft.aliases.values()].sort((a, b) => a.localeCompare(b)),
    externalIds: [...draft.externalIds].sort((a, b) =>
      `${a.scheme}${a.id}`.localeCompare(`${b.scheme}${b.id}`),
    ),
  };
  if (draft.parent) skill.parent = draft.parent;
  if (draft.hot) skill.hot = true;
  if (draft.group) skill.group = true;
  return skill;
}
