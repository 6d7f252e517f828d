import { DataSource } from 'typeorm';
import { Candidate, CandidateSkill } from '../../src/candidate/candidate.entity';
import { Company, PostingSkill } from '../../src/posting/posting.entity';
import { createTestDatabase } from '../helpers/test-db';
import { createTestServer, TestServer } from '../helpers/test-server';
import { learnerAs, recruiterOf } from '../helpers/viewers';
import { keyOf } from '../helpers/ids';

const EXTRACT = /* GraphQL */ `
  query Extract($text: String!) {
    extractSkills(text: $text) {
      taxonomyVersion
      skills {
        skill {
          slug
        }
        importance
        level
        confidence
        mentions {
          start
          end
          text
        }
      }
    }
  }
`;
const SKILL = /* GraphQL */ `
  query Skill($slug: String!) {
    skill(slug: $slug) {
      slug
      externalIds {
        scheme
        id
      }
    }
  }
`;
const CREATE = /* GraphQL */ `
  mutation Create($input: CreateJobPostingInput!) {
    createJobPosting(input: $input) {
      jobPosting {
        id
        skills {
          skill {
            slug
          }
          importance
          minLevel
        }
      }
      userErrors {
        field
      }
    }
  }
`;
const FROM_TEXT = /* GraphQL */ `
  mutation FromText($text: String!, $dryRun: Boolean! = false) {
    setMySkillsFromText(input: { text: $text, dryRun: $dryRun }) {
      userErrors {
        field
        code
      }
      saved
      skills {
        skill {
          slug
        }
        level
      }
      candidate {
        skills {
          skill {
            slug
          }
          level
        }
      }
    }
  }
`;

describe('reading skills from text', () => {
  let db: DataSource;
  let server: TestServer;
  const slugsIn = async (text: string) => {
    const { data, errors }: any = await server.execute(EXTRACT, { text });
    expect(errors).toBeUndefined();
    return data.extractSkills.skills.map((s: any) => s.skill.slug);
  };

  beforeAll(async () => {
    db = await createTestDatabase('demo');
    server = await createTestServer(db);
  });
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it.each([
    [
      'Go the language, in a list or near a cue',
      'Backend services in Go and PostgreSQL.',
      ['go', 'postgresql'],
    ],
    ['go the verb', 'You will go to conferences and go beyond the brief.', []],
    ['Go at the start of a sentence', 'Go ahead and apply.', []],
    [
      'C beside C++, C# and Objective-C',
      'C/C++ code; tools in C# and Objective-C.',
      ['c', 'cpp', 'csharp', 'objective-c'],
    ],
    ['C# and C++ without C', 'We write C# and C++.', ['csharp', 'cpp']],
    ['a grade is not C', 'Grades A, B and C apply.', []],
    ['R for statistics', 'Statistical modelling in R and Python.', ['r', 'python']],
    ['R alone', 'R: see the attached brief.', []],
    ['Swift for iOS', 'Apps in Swift for iOS.', ['swift', 'ios']],
    ['swift, the adjective', 'We value swift delivery.', []],
    ['Rust in a list of languages', 'Languages: Rust, Java.', ['rust', 'java']],
    ['rust, the noun', 'Old code gathers rust.', []],
    ['Spring in Java', 'Java and Spring services.', ['java', 'spring']],
    ['spring, the season', 'We hire in spring.', []],
    ['Make as a build tool', 'Builds with Make and CMake.', ['makefile', 'cmake']],
    ['make, the verb', 'You will make things better.', []],
    ['Less with Sass', 'Styles in Less or Sass.', ['less', 'syntactically-awesome-style-sheets']],
    ['less, the word', 'Less meetings, more code.', []],
    ['.NET and ASP.NET', 'Services on .NET Core.', ['dotnet']],
    ['a domain is not .NET', 'Write to jobs@example.net today.', []],
    ['k8s as Kubernetes', 'We run k8s on GCP.', ['kubernetes', 'gcp']],
    ['PHP 8 as PHP', 'Legacy PHP 8 code.', ['php']],
    ['Node.js in three spellings', 'node.js, nodejs or node js', ['nodejs']],
    ['generic words name no skill', 'Design and development of our platform service; jobs.', []],
  ])('%s', async (_, text, expected) => {
    expect(await slugsIn(text)).toEqual(expected);
  });

  it('gives offsets into the text, end exclusive, with the text as written', async () => {
    const text = 'Ünïcode first: we use Node.js, then PHP 8 and k8s 🚀 with PostgreSQL.';
    const { data }: any = await server.execute(EXTRACT, { text });
    const mentions = data.extractSkills.skills.flatMap((s: any) => s.mentions);
    expect(mentions.map((m: any) => m.text)).toEqual(['Node.js', 'PHP 8', 'k8s', 'PostgreSQL']);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('reads importance and level from the cues around a skill', async () => {
    const text = [
      'Requirements:',
      '5+ years of Java.',
      'Basic knowledge of Docker.',
      'Strong SQL skills.',
      'Nice to have:',
      'Kubernetes',
      'Terraform is a plus.',
    ].join('\n');
    const { data }: any = await server.execute(EXTRACT, { text });
    const read = Object.fromEntries(
      data.extractSkills.skills.map((s: any) => [s.skill.slug, [s.importance, s.level]]),
    );
    expect(read).toEqual({
      java: ['REQUIRED', 4],
      docker: ['REQUIRED', 2],
      sql: ['REQUIRED', 4],
      kubernetes: ['PREFERRED', null],
      terraform: ['PREFERRED', null],
    });
  });

  it('reads a text of 100,000 characters and refuses a longer one', async () => {
    const line = 'We build services in TypeScript on AWS. ';
    const text = line.repeat(Math.ceil(100_000 / line.length)).slice(0, 100_000);
    expect(await slugsIn(text)).toEqual(['typescript', 'aws']);
    const { data, errors }: any = await server.execute(EXTRACT, { text: `${text}x` });
    expect(data).toBeNull();
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('finds skills by any spelling of a name, and names their public identifiers', async () => {
    for (const [key, slug] of [
      ['node js', 'nodejs'],
      ['PHP 8', 'php'],
      ['K8S', 'kubernetes'],
      ['amazon-web-services', 'aws'],
    ]) {
      const { data }: any = await server.execute(SKILL, { slug: key });
      expect(data.skill?.slug).toBe(slug);
    }
    const { data }: any = await server.execute(SKILL, { slug: 'go' });
    expect(data.skill.externalIds).toEqual(
      expect.arrayContaining([
        { scheme: 'LINGUIST', id: expect.any(String) },
        { scheme: 'STACKOVERFLOW', id: 'go' },
      ]),
    );
  });

  describe('where text arrives', () => {
    const posting = {
      title: 'Backend Engineer',
      description: 'Requirements:\n3+ years of Python and PostgreSQL.\nNice to have: Docker.',
      seniority: 'MID',
      minYearsExperience: 3,
      location: 'Remote',
      remote: 'REMOTE',
    };

    it('proposes the skills a new posting names when its author lists none', async () => {
      const company = await db.getRepository(Company).findOneByOrFail({ name: 'Quarry Lane Software' });
      const { data, errors }: any = await server.execute(CREATE, { input: posting }, recruiterOf(company.id));
      expect(errors).toBeUndefined();
      expect(data.createJobPosting.userErrors).toEqual([]);
      const skills = data.createJobPosting.jobPosting.skills.map((s: any) => [
        s.skill.slug,
        s.importance,
        s.minLevel,
      ]);
      expect(skills.sort()).toEqual([
        ['docker', 'PREFERRED', 3],
        ['postgresql', 'REQUIRED', 3],
        ['python', 'REQUIRED', 3],
      ]);
    });

    it("keeps the author's own list, even an empty one", async () => {
      const company = await db.getRepository(Company).findOneByOrFail({ name: 'Quarry Lane Software' });
      const own = [{ skill: 'ruby', importance: 'REQUIRED', minLevel: 2 }];
      const listed: any = await server.execute(
        CREATE,
        { input: { ...posting, skills: own } },
        recruiterOf(company.id),
      );
      expect(listed.data.createJobPosting.jobPosting.skills).toEqual([
        { skill: { slug: 'ruby' }, importance: 'REQUIRED', minLevel: 2 },
      ]);
      const none: any = await server.execute(
        CREATE,
        { input: { ...posting, skills: [] } },
        recruiterOf(company.id),
      );
      expect(none.data.createJobPosting.jobPosting.skills).toEqual([]);
      expect(
        await db
          .getRepository(PostingSkill)
          .countBy({ postingId: keyOf(none.data.createJobPosting.jobPosting.id) }),
      ).toBe(0);
    });

    it("proposes a learner's skills from a CV, saving nothing on a dry run", async () => {
      const learner = await db
        .getRepository(Candidate)
        .findOneByOrFail({ email: 'chloe.dubois@example.com' });
      const before = await db
        .getRepository(CandidateSkill)
        .find({ where: { candidateId: learner.id }, order: { skillId: 'ASC' } });
      const cv = 'Six years of Java (expert) and some exposure to Kotlin.';
      const dry: any = await server.execute(FROM_TEXT, { text: cv, dryRun: true }, learnerAs(learner.id));
      expect(dry.errors).toBeUndefined();
      expect(dry.data.setMySkillsFromText.userErrors).toEqual([]);
      expect(dry.data.setMySkillsFromText.saved).toBe(false);
      const proposal = dry.data.setMySkillsFromText.skills.map((s: any) => [s.skill.slug, s.level]);
      expect(proposal).toEqual([
        ['java', 5],
        ['kotlin', 2],
      ]);
      expect(
        await db
          .getRepository(CandidateSkill)
          .find({ where: { candidateId: learner.id }, order: { skillId: 'ASC' } }),
      ).toEqual(before);

      const saved: any = await server.execute(FROM_TEXT, { text: cv }, learnerAs(learner.id));
      expect(saved.data.setMySkillsFromText.saved).toBe(true);
      expect(
        saved.data.setMySkillsFromText.candidate.skills.map((s: any) => [s.skill.slug, s.level]).sort(),
      ).toEqual(proposal.sort());
    });

    it('lets only a learner set their skills from text', async () => {
      const { errors }: any = await server.execute(FROM_TEXT, { text: 'Java' }, null);
      expect(errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });
});
