import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import { createConnection } from 'mysql2/promise';
import { createDataSource, serverFlavourUrl } from '../ormconfig';
import { seedDemo, seedReference } from '../seeds/load';
import { prng } from '../seeds/synthetic';
import { loadConfig } from '../src/config';
import { loadTestConfig } from '../tests/helpers/test-config';
import { Candidate } from '../src/candidate/candidate.entity';
import { Course } from '../src/course/course.entity';
import { JobPosting } from '../src/posting/posting.entity';
import { Skill } from '../src/skill/skill.entity';
import { createApp } from '../src/server';
import { Role } from '../src/access/role';
import { benchAccount, benchToken } from './support';
import { globalId } from '../src/common/id';

// npm run bench:learning: learningPath over HTTP on a catalogue of 5,000 synthetic
// courses (added once to a database of its own), for every demo posting and learner.

const COURSES = 5000;
const PATH = `query Bench($postingId: ID!, $candidateId: ID) {
  learningPath(postingId: $postingId, candidateId: $candidateId) {
    steps { order course { title } adds { skill { slug } } } coverage totalWeeks unmetPrerequisites { slug }
  }
}`;

async function main(): Promise<void> {
  const server = loadTestConfig().mysqlUrl;
  const name = 'skillgraph_bench_learning';
  const admin = await createConnection({ uri: server });
  await admin.query(
    `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = await createDataSource({ databaseUrl: await serverFlavourUrl(url.toString()) }).initialize();
  await db.runMigrations({ transaction: 'each' });
  await seedReference(db);
  await seedDemo(db);
  const existing = await db.getRepository(Course).count();
  if (existing < COURSES) await addCourses(db, COURSES - existing);

  const config = {
    ...loadConfig({}),
    nodeEnv: 'production' as const,
    jwtSecret: 'bench-only-secret-of-at-least-32-characters',
  };
  const app = await createApp(db, config);
  // Paths for a named learner are theirs or an admin's to ask for: ask as an admin.
  const token = await benchToken(
    db,
    await benchAccount(db, 'learning.admin@bench.example.com', Role.ADMIN),
    config.jwtSecret,
  );
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  const postings = await db.getRepository(JobPosting).find();
  const learners = await db.getRepository(Candidate).find({ take: 10 });
  const cases = postings.flatMap((p) =>
    [null, ...learners].map((c) => ({
      postingId: globalId('JobPosting', p.id),
      candidateId: c ? globalId('Candidate', c.id) : null,
    })),
  );
  const times: number[] = [];
  for (const [i, variables] of [...cases.slice(0, 10), ...cases].entries()) {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: PATH, variables }),
    });
    const body = (await response.json()) as { errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    if (i >= 10) times.push(performance.now() - started); // the first ten warm up
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
  console.log(
    `learningPath over HTTP, ${await db.getRepository(Course).count()} courses, ${times.length} requests: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`,
  );
  await app.close();
  await db.destroy();
}

async function addCourses(db: import('typeorm').DataSource, count: number): Promise<void> {
  const random = prng(7);
  const skills = (await db.getRepository(Skill).find()).map((s) => s.id);
  const pick = () => skills[Math.floor(random() * skills.length)];
  const first = Number((await db.query('SELECT COALESCE(MAX(id), 0) AS maxId FROM course'))[0].maxId) + 1;
  for (let start = 0; start < count; start += 500) {
    const ids = Array.from({ length: Math.min(500, count - start) }, (_, i) => first + start + i);
    await db.query(
      `INSERT INTO course (id, title, provider, format, durationWeeks, priceUsd, level, description) VALUES ${ids.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      ids.flatMap((id) => [
        id,
        `Synthetic course ${id}`,
        'Synthetic Academy',
        ['ONLINE', 'IN_PERSON', 'LIVE_ONLINE'][id % 3],
        1 + Math.floor(random() * 12),
        100 + Math.floor(random() * 3000),
        'INTERMEDIATE',
        'generated',
      ]),
    );
    const taught = ids.flatMap((id) =>
      [...new Set(Array.from({ length: 2 + Math.floor(random() * 5) }, pick))].map((s) => [
        id,
        s,
        1 + Math.floor(random() * 5),
      ]),
    );
    await db.query(
      `INSERT INTO course_skill (courseId, skillId, level) VALUES ${taught.map(() => '(?, ?, ?)').join(', ')}`,
      taught.flat(),
    );
    const needs = ids.filter(() => random() < 0.3).map((id) => [id, pick()]);
    if (needs.length)
      await db.query(
        `INSERT IGNORE INTO course_prerequisite (courseId, skillId) VALUES ${needs.map(() => '(?, ?)').join(', ')}`,
        needs.flat(),
      );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
