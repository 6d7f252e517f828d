import { DataSource } from 'typeorm';
import { Course, CoursePrerequisite, CourseSkill } from '../../src/course/course.entity';
import { Skill, SkillAlias } from '../../src/skill/skill.entity';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN, learnerAs, recruiterOf } from '../helpers/viewers';
import { gid } from '../helpers/ids';

const CREATE_SKILL = /* GraphQL */ `
  mutation C($input: CreateSkillInput!) {
    createSkill(input: $input) {
      slug
      name
      parent {
        slug
      }
    }
  }
`;
const UPDATE_SKILL = /* GraphQL */ `
  mutation U($slug: String!, $input: UpdateSkillInput!) {
    updateSkill(slug: $slug, input: $input) {
      slug
      parent {
        slug
      }
    }
  }
`;
const ADD_ALIAS = /* GraphQL */ `
  mutation A($skill: String!, $alias: String!) {
    addSkillAlias(skill: $skill, alias: $alias) {
      slug
      aliases
    }
  }
`;
const REMOVE_ALIAS = /* GraphQL */ `
  mutation R($alias: String!) {
    removeSkillAlias(alias: $alias) {
      slug
      aliases
    }
  }
`;
const CREATE_COURSE = /* GraphQL */ `
  mutation C($input: CreateCourseInput!) {
    createCourse(input: $input) {
      id
      title
    }
  }
`;
const SET_COURSE_SKILLS = /* GraphQL */ `
  mutation S($courseId: ID!, $skills: [CourseSkillInput!]!) {
    setCourseSkills(courseId: $courseId, skills: $skills) {
      skills {
        skill {
          slug
        }
        level
      }
    }
  }
`;
const SET_PREREQUISITES = /* GraphQL */ `
  mutation P($courseId: ID!, $skills: [String!]!) {
    setCoursePrerequisites(courseId: $courseId, skills: $skills) {
      prerequisites {
        slug
      }
    }
  }
`;

const code = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.code ?? 'OK';

describe('curating the taxonomy and the catalogue', () => {
  let db: DataSource;
  let server: TestServer;
  const snapshot = async () => ({
    skills: await db.getRepository(Skill).find({ order: { id: 'ASC' } }),
    aliases: await db.getRepository(SkillAlias).find({ order: { id: 'ASC' } }),
    courses: await db.getRepository(Course).find({ order: { id: 'ASC' } }),
    taught: await db.getRepository(CourseSkill).find({ order: { courseId: 'ASC', skillId: 'ASC' } }),
    needs: await db.getRepository(CoursePrerequisite).find({ order: { courseId: 'ASC', skillId: 'ASC' } }),
  });

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    server = await createTestServer(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it('adds a skill under a parent, names it another way, and moves it', async () => {
    const created: any = await server.execute(
      CREATE_SKILL,
      { input: { slug: 'fastapi', name: 'FastAPI', category: 'FRAMEWORK', parent: 'py' } },
      ADMIN,
    );
    expect(created.data.createSkill).toEqual({
      slug: 'fastapi',
      name: 'FastAPI',
      parent: { slug: 'python' },
    });
    const aliased: any = await server.execute(ADD_ALIAS, { skill: 'fastapi', alias: 'Fast API' }, ADMIN);
    expect(aliased.data.addSkillAlias.aliases).toEqual(['Fast API']);
    expect((await server.execute(`{ skill(slug: "fast api") { slug } }`)).data).toEqual({
      skill: { slug: 'fastapi' },
    });
    const moved: any = await server.execute(
      UPDATE_SKILL,
      { slug: 'fastapi', input: { parent: 'rest' } },
      ADMIN,
    );
    expect(moved.data.updateSkill.parent).toEqual({ slug: 'rest' });
    const removed: any = await server.execute(REMOVE_ALIAS, { alias: 'FAST API' }, ADMIN);
    expect(removed.data.removeSkillAlias).toEqual({ slug: 'fastapi', aliases: [] });
  });

  it('shows a renamed skill at once wherever it is named, not only where it is asked for', async () => {
    // MySQL names SQL as its parent through the skill loader, which the process's catalogue serves.
    const parentOfMysql = async () =>
      ((await server.execute('{ skill(slug: "mysql") { parent { name } } }')) as any).data.skill.parent;
    expect(await parentOfMysql()).toEqual({ name: 'SQL' });
    const renamed: any = await server.execute(
      UPDATE_SKILL,
      { slug: 'sql', input: { name: 'SQL (Structured Query Language)' } },
      ADMIN,
    );
    expect(renamed.errors).toBeUndefined();
    expect(await parentOfMysql()).toEqual({ name: 'SQL (Structured Query Language)' });
  });

  it.each<[string, string, Record<string, unknown>]>([
    [
      'a slug already taken',
      CREATE_SKILL,
      { input: { slug: 'python', name: 'Python again', category: 'LANGUAGE' } },
    ],
    ['a slug that is an alias', CREATE_SKILL, { input: { slug: 'js', name: 'JS', category: 'LANGUAGE' } }],
    ['a malformed slug', CREATE_SKILL, { input: { slug: 'Not A Slug', name: 'x', category: 'LANGUAGE' } }],
    [
      'an unknown parent',
      CREATE_SKILL,
      { input: { slug: 'zorbscript', name: 'Zorbscript', category: 'LANGUAGE', parent: 'klingon' } },
    ],
    ['an alias that names another skill', ADD_ALIAS, { skill: 'python', alias: 'JavaScript' }],
    [
      'a cycle in the hierarchy',
      UPDATE_SKILL,
      { slug: 'python', input: { parent: 'django-rest-framework' } },
    ],
    ['a course level above 5', SET_COURSE_SKILLS, { courseId: gid('Course', 1), skills: [{ skill: 'git', level: 7 }] }],
    [
      'a course skill named twice',
      SET_COURSE_SKILLS,
      {
        courseId: gid('Course', 1),
        skills: [
          { skill: 'git', level: 2 },
          { skill: 'Version control', level: 3 },
        ],
      },
    ],
    ['an unknown prerequisite', SET_PREREQUISITES, { courseId: gid('Course', 1), skills: ['klingon'] }],
    ['a malformed course id', SET_PREREQUISITES, { courseId: '1', skills: ['git'] }],
    ['a posting id for a course id', SET_COURSE_SKILLS, { courseId: gid('JobPosting', 1), skills: [] }],
    [
      'a malformed course URL',
      CREATE_COURSE,
      { input: { title: 'X', provider: 'Y', format: 'ONLINE', level: 'BEGINNER', url: 'not a url' } },
    ],
    [
      'a negative price',
      CREATE_COURSE,
      { input: { title: 'X', provider: 'Y', format: 'ONLINE', level: 'BEGINNER', priceUsd: -5 } },
    ],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_case, document, variables) => {
    const before = await snapshot();
    expect(code(await server.execute(document, variables, ADMIN))).toBe('BAD_USER_INPUT');
    expect(await snapshot()).toEqual(before);
  });

  it('adds a course and sets what it teaches and needs', async () => {
    const created: any = await server.execute(
      CREATE_COURSE,
      {
        input: {
          title: 'FastAPI in Practice',
          provider: 'Example Academy',
          format: 'ONLINE',
          level: 'INTERMEDIATE',
          durationWeeks: 4,
          priceUsd: 199,
          url: 'https://courses.example.com/fastapi',
        },
      },
      ADMIN,
    );
    const courseId = created.data.createCourse.id;
    const taught: any = await server.execute(
      SET_COURSE_SKILLS,
      {
        courseId,
        skills: [
          { skill: 'fastapi', level: 3 },
          { skill: 'REST API', level: 3 },
        ],
      },
      ADMIN,
    );
    expect(taught.data.setCourseSkills.skills.map((s: any) => s.skill.slug).sort()).toEqual([
      'fastapi',
      'rest',
    ]);
    const needs: any = await server.execute(SET_PREREQUISITES, { courseId, skills: ['python'] }, ADMIN);
    expect(needs.data.setCoursePrerequisites.prerequisites).toEqual([{ slug: 'python' }]);
  });

  it('is for admins only', async () => {
    const input = { slug: 'zorblang', name: 'Zorblang', category: 'LANGUAGE' };
    expect(code(await server.execute(CREATE_SKILL, { input }))).toBe('UNAUTHENTICATED');
    expect(code(await server.execute(CREATE_SKILL, { input }, recruiterOf(1)))).toBe('FORBIDDEN');
    expect(code(await server.execute(CREATE_SKILL, { input }, learnerAs(1)))).toBe('FORBIDDEN');
    expect(await db.getRepository(Skill).existsBy({ slug: 'zorblang' })).toBe(false);
  });
});
