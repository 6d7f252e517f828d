import { DataSource } from 'typeorm';
import { entities } from '../../ormconfig';
import { seedDemo, seedReference } from '../../seeds/load';
import { courses } from '../../seeds/reference/courses';
import { loadTaxonomy } from '../../seeds/taxonomy/taxonomy';
import { Course } from '../../src/course/course.entity';
import { Skill } from '../../src/skill/skill.entity';
import { createTestDatabase } from '../helpers/test-db';

const { skills } = loadTaxonomy();

/** Every row of every table, in primary key order: a fingerprint of the whole database. */
async function snapshot(db: DataSource) {
  const tables: Record<string, unknown[]> = {};
  for (const entity of entities) {
    const meta = db.getMetadata(entity);
    const order = Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyName, 'ASC' as const]));
    tables[meta.tableName] = await db.getRepository(entity).find({ order });
  }
  return tables;
}

// FACTS.md names these; the reference data must hold every one.
const NAMED_SKILLS = [
  'python',
  'javascript',
  'ruby',
  'java',
  'php',
  'csharp',
  'sql',
  'perl',
  'html',
  'css',
  'xml',
  'ruby-on-rails',
  'django',
  'django-rest-framework',
  'cherrypy',
  'nodejs',
  'expressjs',
  'react',
  'dotnet',
  'mysql',
  'postgresql',
  'mongodb',
  'cassandra',
  'dynamodb',
  'hbase',
  'rest',
  'soap',
  'git',
  'aws',
  'nginx',
  'wordpress',
];
const NAMED_PROVIDERS = [
  'General Assembly',
  'Betamore',
  'Udacity',
  'Bloc',
  'Udemy',
  'Noble Desktop',
  'Microsoft',
];

describe('seeds', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('none');
  });
  afterAll(() => db?.destroy());

  it('load the reference and demo data, and a second load changes nothing', async () => {
    const first = { ...(await seedReference(db)), ...(await seedDemo(db)) };
    expect(first['rows written']).toBeGreaterThan(0);
    const before = await snapshot(db);

    const again = [await seedReference(db), await seedDemo(db)];
    expect(again.map((counts) => counts['rows written'])).toEqual([0, 0]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('hold every skill and course provider that the domain facts name', async () => {
    const slugs = (await snapshot(db)).skill.map((s) => (s as Skill).slug);
    expect(slugs).toEqual(expect.arrayContaining(NAMED_SKILLS));
    expect(slugs).toHaveLength(skills.length);
    const providers = new Set((await snapshot(db)).course.map((c) => (c as Course).provider));
    expect([...providers]).toEqual(expect.arrayContaining(NAMED_PROVIDERS));
    expect((await snapshot(db)).course).toHaveLength(courses.length);
  });
});
