import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { Request, Response } from 'express';
import { ASTNode, Kind, parse, print, visit } from 'graphql';
import { loadConfig } from '../src/config';
import { Context } from '../src/context';
import { ValidatedDocuments } from '../src/document-store';
import { limitsBeforeValidation } from '../src/limits';
import { buildAppSchema } from '../src/schema';
import { createApolloServer } from '../src/server';
import { table } from './support';
import { globalId } from '../src/common/id';

// npm run bench:pipeline: the CPU one request spends before any resolver runs (the limits
// checked before validation, Apollo's parsing and validation, the cost limit), in process and
// without a database, for each operation of the web app: sent again (what clients do) and
// sent for the first time (a document never seen, as after a deployment).

const REQUESTS = 20_000;
const FIRST_SEEN = 2_000;

/** The variables each operation of the web app is sent with. */
const VARIABLES: Record<string, Record<string, unknown>> = {
  CandidateMatches: { postingId: globalId('JobPosting', 1), first: 20 },
  SkillGap: { postingId: globalId('JobPosting', 1), candidateId: globalId('Candidate', 1) },
  LearningPath: { postingId: globalId('JobPosting', 1) },
  Postings: { first: 20, filter: { skills: ['python'] } },
  Posting: { id: globalId('JobPosting', 1) },
  CompanyPostings: { first: 20 },
  SkillNames: { first: 100 },
};

/** Each query of the web app with the fragments it spreads, as the web app sends it. */
function webQueries(): { name: string; query: string }[] {
  const folder = join(__dirname, '../../web/src/graphql');
  const definitions = readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .flatMap((file) => parse(readFileSync(join(folder, file), 'utf8')).definitions);
  const fragments = new Map(
    definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const withSpread = (definition: ASTNode, into = new Set<ASTNode>()): Set<ASTNode> => {
    into.add(definition);
    visit(definition, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value)!;
        if (!into.has(fragment)) withSpread(fragment, into);
      },
    });
    return into;
  };
  return definitions.flatMap((d) =>
    d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query' && d.name && VARIABLES[d.name.value]
      ? [{ name: d.name.value, query: [...withSpread(d)].map((f) => print(f)).join('\n') }]
      : [],
  );
}

/** Answers every operation once it is resolved and costed, so nothing executes. */
const noExecution: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async responseForOperation() {
        return {
          body: { kind: 'single', singleResult: { data: {} } },
          http: { headers: new HeaderMap(), status: 200 },
        };
      },
    };
  },
};

async function main(): Promise<void> {
  const schema = await buildAppSchema();
  const config = { ...loadConfig({}), nodeEnv: 'production' as const, costPerMinute: 1e15 };
  const documents = new ValidatedDocuments();
  const apollo = createApolloServer(schema, config, { plugins: [noExecution], documents });
  await apollo.start();
  const beforeValidation = limitsBeforeValidation(schema, documents);
  const contextValue = { ip: '127.0.0.1', viewer: null, requestId: 'bench' } as unknown as Context;

  const request = async (query: string, variables: Record<string, unknown>) => {
    let passed = false;
    const req = { method: 'POST', body: { query, variables } } as Request;
    const res = { status: () => res, json: () => res } as unknown as Response;
    await beforeValidation(req, res, () => {
      passed = true;
    });
    if (!passed) throw new Error('refused before validation');
    const { body } = await apollo.executeOperation({ query, variables }, { contextValue });
    if (body.kind !== 'single' || body.singleResult.errors) {
      throw new Error(JSON.stringify(body.kind === 'single' ? body.singleResult.errors : body));
    }
  };
  /** CPU microseconds per request, over `count` requests (after as many to warm up). */
  const cpuPerRequest = async (
    count: number,
    queryOf: (i: number) => string,
    variables: Record<string, unknown>,
  ) => {
    for (let i = 0; i < count; i++) await request(queryOf(-1 - i), variables);
    const before = process.cpuUsage();
    for (let i = 0; i < count; i++) await request(queryOf(i), variables);
    const spent = process.cpuUsage(before);
    return ((spent.user + spent.system) / count).toFixed(1);
  };

  const rows: string[][] = [];
  for (const { name, query } of webQueries()) {
    const variables = VARIABLES[name];
    const again = await cpuPerRequest(REQUESTS, () => query, variables);
    const firstSeen = await cpuPerRequest(FIRST_SEEN, (i) => `${query}\n# ${i}`, variables);
    rows.push([name, String(query.length), again, firstSeen]);
  }
  await apollo.stop();
  console.log(
    table(['operation', 'bytes', 'CPU µs/request, sent again', 'CPU µs/request, first seen'], rows),
  );
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
