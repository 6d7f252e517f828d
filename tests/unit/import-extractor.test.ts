import { importExtractor, requirementSpans, TAUGHT_LEVEL } from '../../src/import/extractor';
import { ImportRecord } from '../../src/import/import.types';
import { validateRecord } from '../../src/import/records';
import { MAX_PROPOSED_SKILLS } from '../../src/taxonomy/extraction.service';
import { TaxonomyIndex } from '../../src/taxonomy/taxonomy-index';

// What each kind of imported record keeps of the skills its text names: read with the
// taxonomy's own extractor over a handful of skills.

const NAMES = [
  'Python',
  'Django',
  'PostgreSQL',
  'Docker',
  'Kubernetes',
  'Terraform',
  'Kafka',
  'Linux',
  'Git',
];
const index = new TaxonomyIndex(
  'test',
  NAMES.map((name, i) => ({ id: i + 1, slug: name.toLowerCase(), name, aliases: [], group: false })),
  { terms: {}, notInText: [] },
);
const slug = (id: number) => NAMES[id - 1].toLowerCase();
const extract = importExtractor({ extractMany: async (texts) => texts.map((t) => index.extract(t)) });

function record(fields: Record<string, unknown>): ImportRecord {
  const result = validateRecord({ externalId: 'X-1', ...fields }, 1, null);
  if ('errors' in result) throw new Error(JSON.stringify(result.errors));
  return result.record;
}

async function read(fields: Record<string, unknown>) {
  const [found] = await extract([record(fields)]);
  return found.map((s) => [slug(s.skillId), s.level, s.importance ?? null]);
}

describe('importExtractor', () => {
  it('gives a posting the importance and lowest level its text asks for, 3 where it states none', async () => {
    const description = [
      'You will run our booking API.',
      'Requirements:',
      '- 5+ years of Python and Django',
      '- PostgreSQL in production',
      'Nice to have:',
      '- Basic Terraform',
      '- Kafka',
    ].join('\n');
    expect(await read({ type: 'posting', company: 'Acme', title: 'Backend Engineer', description })).toEqual([
      ['python', 4, 'REQUIRED'],
      ['django', 4, 'REQUIRED'],
      ['postgresql', 3, 'REQUIRED'],
      ['terraform', 2, 'PREFERRED'],
      ['kafka', 3, 'PREFERRED'],
    ]);
  });

  it("reads a posting's title too", async () => {
    expect(await read({ type: 'posting', company: 'Acme', title: 'Python Engineer' })).toEqual([
      ['python', 3, 'REQUIRED'],
    ]);
  });

  it('gives a candidate the level their resume states, 3 where it states none, and no importance', async () => {
    const resume =
      'Expert in Python; Django since 2015.\nSome exposure to Kubernetes, which would be a plus.';
    expect(await read({ type: 'candidate', displayName: 'Ada', resume })).toEqual([
      ['python', 5, null],
      ['django', 3, null],
      ['kubernetes', 2, null],
    ]);
  });

  it.each([
    ['BEGINNER', 2],
    ['INTERMEDIATE', 3],
    ['ADVANCED', 4],
  ] as const)(
    'teaches a %s course skills up to level %i where the text states none',
    async (level, taught) => {
      expect(TAUGHT_LEVEL[level]).toBe(taught);
      const course = { type: 'course', provider: 'P', title: 'Docker in Practice', level };
      expect(await read(course)).toEqual([['docker', taught, null]]);
    },
  );

  it('leaves out what a course names only as a prerequisite', async () => {
    const description = [
      'Package services with Docker and deploy them to Kubernetes; basic Git helps.',
      'Prerequisites: Linux and Python.',
      'This course assumes you know Git.',
    ].join('\n');
    const course = { type: 'course', provider: 'P', title: 'Containers', description, level: 'INTERMEDIATE' };
    expect(await read(course)).toEqual([
      ['git', 2, null], // named twice, so surest; taught at the level its first sentence states
      ['docker', 3, null],
      ['kubernetes', 3, null],
    ]);
  });

  it('keeps the surest skills, at most as many as a text proposes anywhere', async () => {
    const many = Array.from({ length: 60 }, (_, i) => ({
      id: i + 1,
      slug: `s${i}`,
      name: `Skill${i}`,
      aliases: [],
      group: false,
    }));
    const wide = new TaxonomyIndex('test', many, { terms: {}, notInText: [] });
    const text = many.map((s) => s.name).join(', ') + '. Skill59 again.';
    const [found] = await importExtractor({ extractMany: async (t) => t.map((x) => wide.extract(x)) })([
      record({ type: 'candidate', displayName: 'Ada', resume: text }),
    ]);
    expect(found).toHaveLength(MAX_PROPOSED_SKILLS);
    expect(found[0].skillId).toBe(60); // named twice: surer than the others
  });

  it('answers one list per record, in order, empty for an empty text', async () => {
    const found = await extract([
      record({ type: 'candidate', displayName: 'A', resume: 'Git' }),
      record({ type: 'candidate', displayName: 'B' }),
      record({ type: 'candidate', displayName: 'C', resume: 'Docker' }),
    ]);
    expect(found.map((f) => f.map((s) => slug(s.skillId)))).toEqual([['git'], [], ['docker']]);
  });
});

describe('requirementSpans', () => {
  const spanned = (text: string) => requirementSpans(text).map(([start, end]) => text.slice(start, end));

  it.each([
    ['Learn Docker. Requires basic Linux.', [' Requires basic Linux.']],
    ['Prerequisites: Python', ['Prerequisites: Python']],
    ['Learn Docker; no prior experience needed', [' no prior experience needed']],
    ['Prerequisites:\n- Python\n- Git\n\nYou will learn Docker.', ['Prerequisites:', '- Python', '- Git']],
    ['Requirements\n- Linux\nWhat you will learn:\n- Docker', ['Requirements', '- Linux']],
    ['Program requirements and design recipes.', []],
    ['Docker from scratch', []],
  ])('in %j: %j', (text, spans) => {
    expect(spanned(text)).toEqual(spans);
  });
});
