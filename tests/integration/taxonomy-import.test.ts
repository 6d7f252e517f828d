import { DataSource } from 'typeorm';
import { loadTaxonomyInto } from '../../seeds/taxonomy/load-taxonomy';
import { Skill, SkillAlias, TaxonomyVersion } from '../../src/skill/skill.entity';
import { buildTaxonomy, Sources } from '../../src/taxonomy/build';
import { TaxonomyOverrides } from '../../src/taxonomy/taxonomy.types';
import { createTestDatabase } from '../helpers/test-db';

// A small slice of each public source, in the shapes the import reads them in.
const SOURCES: Sources = {
  reference: [
    {
      slug: 'cloud-computing',
      name: 'Cloud computing',
      category: 'PLATFORM',
      description: 'Cloud.',
      aliases: ['Cloud'],
    },
  ],
  linguist: [
    { name: 'Go', type: 'programming', aliases: ['golang'], group: null, languageId: 132 },
    { name: 'HCL', type: 'programming', aliases: ['terraform'], group: null, languageId: 144 },
    { name: 'Go Checksums', type: 'data', aliases: [], group: null, languageId: 1 },
  ],
  onet: [
    {
      technology: 'IBM Terraform',
      commodity_code: '43232701',
      commodity_title: 'Configuration management software',
      class_title: 'Development software',
      hot_technology: 'Y',
    },
    {
      technology: 'Microsoft Word',
      commodity_code: '43232104',
      commodity_title: 'Word processing software',
      class_title: 'Content authoring and editing software',
      hot_technology: 'Y',
    },
  ],
  esco: [
    {
      uri: 'http://data.europa.eu/esco/skill/go',
      label: 'Go (computer programming)',
      aliases: ['Go', 'fishing for compliments'],
      skillType: 'knowledge',
      description: 'The techniques and principles of software development in Go.',
      broader: [],
      path_to_root: [{ uri: 'x', label: 'information and communication technologies (icts)' }],
    },
  ],
  stackoverflow: [
    { alias: 'golang', canonical: 'go', canonicalQuestions: 60000 },
    { alias: 'gofmt', canonical: 'go', canonicalQuestions: 60000 },
    { alias: 'span', canonical: 'html', canonicalQuestions: 1 },
  ],
  commonWords: ['the', 'go', 'word'],
  attribution: [{ name: 'test sources', licence: 'CC BY 4.0', attribution: 'test' }],
};

const OVERRIDES: TaxonomyOverrides = {
  generic: ['word', 'platform'],
  exclude: [],
  merge: {},
  edit: { go: { name: 'Go', description: 'Curated: the Go programming language.', addAliases: ['go-lang'] } },
  add: [],
  blockedAliases: { hcl: ['terraform'] },
  terms: { Go: { caseSensitive: true, needsContext: true, cues: ['golang'] } },
  plainWords: [],
  notInText: [],
};

describe('taxonomy import', () => {
  let db: DataSource;
  const rows = async () => ({
    skills: await db.getRepository(Skill).find({
      select: {
        slug: true,
        name: true,
        category: true,
        description: true,
        parentId: true,
        externalIds: true,
        hotTechnology: true,
      },
      order: { slug: 'ASC' },
    }),
    aliases: await db
      .getRepository(SkillAlias)
      .find({ select: { normalized: true, skillId: true }, order: { normalized: 'ASC' } }),
    versions: await db.getRepository(TaxonomyVersion).count(),
  });

  beforeAll(async () => {
    db = await createTestDatabase('none');
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('merges the sources into one skill per thing, with every identifier and no generic word', () => {
    const taxonomy = buildTaxonomy(SOURCES, OVERRIDES);
    const go = taxonomy.skills.find((s) => s.slug === 'go')!;
    expect(go.externalIds).toEqual([
      { scheme: 'ESCO', id: 'http://data.europa.eu/esco/skill/go' },
      { scheme: 'LINGUIST', id: '132' },
      { scheme: 'STACKOVERFLOW', id: 'go' },
    ]);
    // a related tag ("gofmt") and an unrelated ESCO label are not spellings of Go
    expect(go.aliases).toEqual(['go-lang', 'golang']);
    expect(taxonomy.skills.find((s) => s.slug === 'hcl')!.aliases).toEqual([]);
    const terraform = taxonomy.skills.find((s) => s.slug === 'terraform')!;
    expect(terraform).toMatchObject({ hot: true, parent: 'configuration-management-software' });
    expect(taxonomy.skills.map((s) => s.name.toLowerCase())).not.toContain('word');
    expect(buildTaxonomy(SOURCES, OVERRIDES)).toEqual(taxonomy);
  });

  it('loads idempotently: a second import writes nothing and leaves the same rows', async () => {
    const taxonomy = buildTaxonomy(SOURCES, OVERRIDES);
    const first = await db.transaction((tx) => loadTaxonomyInto(tx, taxonomy));
    expect(first.writes).toBeGreaterThan(0);
    const before = await rows();
    expect(before.versions).toBe(1);
    const again = await db.transaction((tx) => loadTaxonomyInto(tx, buildTaxonomy(SOURCES, OVERRIDES)));
    expect(again.writes).toBe(0);
    expect(await rows()).toEqual(before);
  });

  it('re-applies the overrides on every import, whatever the database was changed to', async () => {
    const taxonomy = buildTaxonomy(SOURCES, OVERRIDES);
    const before = await rows();
    const go = await db.getRepository(Skill).findOneByOrFail({ slug: 'go' });
    const hcl = await db.getRepository(Skill).findOneByOrFail({ slug: 'hcl' });
    await db.getRepository(Skill).update(go.id, { description: 'Edited elsewhere.' });
    await db.getRepository(SkillAlias).delete({ normalized: 'go-lang' });
    await db
      .getRepository(SkillAlias)
      .insert({ skillId: hcl.id, alias: 'terraform', normalized: 'terraform' });

    const reimport = await db.transaction((tx) => loadTaxonomyInto(tx, taxonomy));
    expect(reimport.writes).toBe(4); // go's description, its alias, hcl's alias and hcl's updatedAt
    expect(await rows()).toEqual(before);
    expect((await db.getRepository(Skill).findOneByOrFail({ slug: 'go' })).description).toBe(
      'Curated: the Go programming language.',
    );
  });
});
