import { DataSource } from 'typeorm';
import { CoursePrerequisite, CourseSkill } from '../../src/course/course.entity';
import { Skill } from '../../src/skill/skill.entity';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { ADMIN, learnerAs, recruiterOf } from '../helpers/viewers';
import { gid } from '../helpers/ids';
import { gql } from '../helpers/graphql';

interface UserError {
  field: string[] | null;
  code: string;
}
type Input = { input: Record<string, unknown> };
interface AliasPayload {
  skill: { slug: string; aliases: string[] } | null;
  userErrors: UserError[];
}

const CREATE_SKILL = gql<
  {
    createSkill: {
      skill: { slug: string; name: string; parent: { slug: string } | null } | null;
      userErrors: UserError[];
    };
  },
  Input
>(/* GraphQL */ `
  mutation C($input: CreateSkillInput!) {
    createSkill(input: $input) {
      skill {
        slug
        name
        parent {
          slug
        }
      }
      userErrors {
        field
        code
      }
    }
  }
`);
const UPDATE_SKILL = gql<
  {
    updateSkill: { skill: { slug: string; parent: { slug: string } | null } | null; userErrors: UserError[] };
  },
  Input
>(/* GraphQL */ `
  mutation U($input: UpdateSkillInput!) {
    updateSkill(input: $input) {
      skill {
        slug
        parent {
          slug
        }
      }
      userErrors {
        field
        code
      }
    }
  }
`);
const ADD_ALIAS = gql<{ addSkillAlias: AliasPayload }, Input>(/* GraphQL */ `
  mutation A($input: AddSkillAliasInput!) {
    addSkillAlias(input: $input) {
      skill {
        slug
        aliases
      }
      userErrors {
        field
        code
      }
    }
  }
`);
const REMOVE_ALIAS = gql<{ removeSkillAlias: AliasPayload }, Input>(/* GraphQL */ `
  mutation R($input: RemoveSkillAliasInput!) {
    removeSkillAlias(input: $input) {
      skill {
        slug
        aliases
      }
      userErrors {
        field
        code
      }
    }
  }
`);
const CREATE_COURSE = gql<
  {
    createCourse: { course: { id: string; title: string } | null; userErrors: { field: string[] | null }[] };
  },
  Input
>(/* GraphQL */ `
  mutation C($input: CreateCourseInput!) {
    createCourse(input: $input) {
      course {
        id
        title
      }
      userErrors {
        field
      }
    }
  }
`);
const SET_COURSE_SKILLS = gql<
  { setCourseSkills: { course: { skills: { skill: { slug: string }; level: number }[] } | null } },
  Input
>(/* GraphQL */ `
  mutation S($input: SetCourseSkillsInput!) {
    setCourseSkills(input: $input) {
      course {
        skills {
          skill {
            slug
          }
          level
        }
      }
    }
  }
`);
const SET_PREREQUISITES = gql<
  { setCoursePrerequisites: { course: { prerequisites: { slug: string }[] } | null } },
  Input
>(/* GraphQL */ `
  mutation P($input: SetCoursePrerequisitesInput!) {
    setCoursePrerequisites(input: $input) {
      course {
        prerequisites {
          slug
        }
      }
    }
  }
`);

const code = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
  result.errors?.[0]?.extensions?.code ?? 'OK';

describe('curating the taxonomy and the catalogue', () => {
  let db: DataSource;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase('reference');
    server = await createTestServer(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it('adds a skill under a parent, names it another way, and moves it', async () => {
    const created = await server.execute(
      CREATE_SKILL,
      { input: { slug: 'fastapi', name: 'FastAPI', category: 'FRAMEWORK', parent: 'py' } },
      ADMIN,
    );
    expect(created.data!.createSkill).toEqual({
      skill: { slug: 'fastapi', name: 'FastAPI', parent: { slug: 'python' } },
      userErrors: [],
    });
    const aliased = await server.execute(
      ADD_ALIAS,
      { input: { skill: 'fastapi', alias: 'Fast API' } },
      ADMIN,
    );
    expect(aliased.data!.addSkillAlias.skill!.aliases).toEqual(['Fast API']);
    expect((await server.execute(`{ skill(slug: "fast api") { slug } }`)).data).toEqual({
      skill: { slug: 'fastapi' },
    });
    const moved = await server.execute(UPDATE_SKILL, { input: { skill: 'fastapi', parent: 'rest' } }, ADMIN);
    expect(moved.data!.updateSkill.skill!.parent).toEqual({ slug: 'rest' });
    const removed = await server.execute(REMOVE_ALIAS, { input: { alias: 'FAST API' } }, ADMIN);
    expect(removed.data!.removeSkillAlias).toEqual({
      skill: { slug: 'fastapi', aliases: [] },
      userErrors: [],
    });
  });

  it('shows a renamed skill at once wherever it is named, not only where it is asked for', async () => {
    // MySQL names SQL as its parent through the skill loader, which the process's catalogue serves.
    const PARENT_OF_MYSQL = gql<{ skill: { parent: { name: string } | null } | null }>(
      '{ skill(slug: "mysql") { parent { name } } }',
    );
    const parentOfMysql = async () => (await server.execute(PARENT_OF_MYSQL)).data!.skill!.parent;
    expect(await parentOfMysql()).toEqual({ name: 'SQL' });
    const renamed = await server.execute(
      UPDATE_SKILL,
      { input: { skill: 'sql', name: 'SQL (Structured Query Language)' } },
      ADMIN,
    );
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data!.updateSkill.userErrors).toEqual([]);
    expect(await parentOfMysql()).toEqual({ name: 'SQL (Structured Query Language)' });
  });

  it('answers, later in the same request, what an earlier skill write in it changed', async () => {
    const created = await server.execute(
      CREATE_SKILL,
      { input: { slug: 'sanic', name: 'Sanic', category: 'FRAMEWORK', parent: 'python' } },
      ADMIN,
    );
    expect(created.data!.createSkill.userErrors).toEqual([]);
    // Mutations run one after another in one request, sharing its loaders: each field reads
    // what was loaded before it only if no write since changed it.
    const children = 'children(first: 10) { nodes { slug } }';
    const result = await server.execute(
      `mutation {
        named: addSkillAlias(input: { skill: "sanic", alias: "sanic-py" }) { skill { aliases ${children} } }
        child: createSkill(input: { slug: "sanic-ext", name: "Sanic Extensions", category: FRAMEWORK, parent: "sanic" }) {
          skill { parent { ${children} } }
        }
        renamed: addSkillAlias(input: { skill: "sanic", alias: "Sanic framework" }) { skill { aliases } }
        moved: updateSkill(input: { skill: "sanic-ext", parent: "python" }) { skill { parent { slug } } }
        unnamed: removeSkillAlias(input: { alias: "sanic-py" }) { skill { aliases ${children} } }
      }`,
      {},
      ADMIN,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      named: { skill: { aliases: ['sanic-py'], children: { nodes: [] } } },
      child: { skill: { parent: { children: { nodes: [{ slug: 'sanic-ext' }] } } } },
      renamed: { skill: { aliases: ['Sanic framework', 'sanic-py'] } },
      moved: { skill: { parent: { slug: 'python' } } },
      unnamed: { skill: { aliases: ['Sanic framework'], children: { nodes: [] } } },
    });
  });

  // Refusals of the skill and course mutations, as userErrors: tests/integration/mutation-payloads-*.test.ts
  it.each<[string, string, Record<string, unknown>]>([
    ['a malformed course id', SET_PREREQUISITES, { input: { courseId: '1', skills: ['git'] } }],
    [
      'a posting id for a course id',
      SET_COURSE_SKILLS,
      { input: { courseId: gid('JobPosting', 1), skills: [] } },
    ],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_case, document, variables) => {
    const links = async () => ({
      taught: await db.getRepository(CourseSkill).find({ order: { courseId: 'ASC', skillId: 'ASC' } }),
      needs: await db.getRepository(CoursePrerequisite).find({ order: { courseId: 'ASC', skillId: 'ASC' } }),
    });
    const before = await links();
    expect(code(await server.execute(document, variables, ADMIN))).toBe('BAD_USER_INPUT');
    expect(await links()).toEqual(before);
  });

  it('adds a course and sets what it teaches and needs', async () => {
    const created = await server.execute(
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
    expect(created.data!.createCourse.userErrors).toEqual([]);
    const courseId = created.data!.createCourse.course!.id;
    const taught = await server.execute(
      SET_COURSE_SKILLS,
      {
        input: {
          courseId,
          skills: [
            { skill: 'fastapi', level: 3 },
            { skill: 'REST API', level: 3 },
          ],
        },
      },
      ADMIN,
    );
    expect(taught.data!.setCourseSkills.course!.skills.map((s) => s.skill.slug).sort()).toEqual([
      'fastapi',
      'rest',
    ]);
    const needs = await server.execute(SET_PREREQUISITES, { input: { courseId, skills: ['python'] } }, ADMIN);
    expect(needs.data!.setCoursePrerequisites.course!.prerequisites).toEqual([{ slug: 'python' }]);
  });

  it('is for admins only', async () => {
    const input = { slug: 'zorblang', name: 'Zorblang', category: 'LANGUAGE' };
    expect(code(await server.execute(CREATE_SKILL, { input }))).toBe('UNAUTHENTICATED');
    expect(code(await server.execute(CREATE_SKILL, { input }, recruiterOf(1)))).toBe('FORBIDDEN');
    expect(code(await server.execute(CREATE_SKILL, { input }, learnerAs(1)))).toBe('FORBIDDEN');
    expect(await db.getRepository(Skill).existsBy({ slug: 'zorblang' })).toBe(false);
  });
});
