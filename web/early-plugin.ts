import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ApolloClient, ApolloLink, type DocumentNode, type OperationVariables } from '@apollo/client';
import { print } from '@apollo/client/utilities';
import { of } from 'rxjs';
import { rolldown } from 'rolldown';
import type { OutputBundle, OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';
import { createCache } from './src/cache-policies.ts';
import { CandidateMatchesDocument, PostingDocument } from './src/graphql/generated.ts';

const EARLY = fileURLToPath(new URL('./src/early/early.ts', import.meta.url));
const VIRTUAL = 'virtual:early-operations';

/**
 * An operation's text as the app's client sends it: the client adds `__typename` and the
 * fragments, so it is read from a client with the app's cache rather than printed here.
 */
async function asSent(query: DocumentNode, variables: OperationVariables): Promise<string> {
  let text: string | undefined;
  const client = new ApolloClient({
    cache: createCache(),
    link: new ApolloLink((operation) => {
      text = print(operation.query);
      return of({ data: null });
    }),
  });
  await client.query({ query, variables, fetchPolicy: 'no-cache' }).catch(() => undefined);
  if (!text) throw new Error(`early-plugin: could not read how the app sends ${print(query).slice(0, 40)}`);
  return text;
}

/** A lazy route's chunk and the chunks it imports, the entry's excepted: what the route needs next. */
function routeFiles(bundle: OutputBundle, route: string, base: string): string[] {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  const root = chunks.find((c) => c.facadeModuleId?.endsWith(`/src/routes/${route}.tsx`));
  if (!root) throw new Error(`early-plugin: no chunk for the route ${route}`);
  const files = new Set<string>();
  const visit = (chunk: OutputChunk) => {
    if (chunk.isEntry || files.has(chunk.fileName)) return;
    files.add(chunk.fileName);
    for (const name of chunk.imports) {
      const imported = bundle[name];
      if (imported?.type === 'chunk') visit(imported);
    }
  };
  visit(root);
  return [...files].map((file) => base + file);
}

/**
 * Builds src/early/early.ts into one small classic script, with the operations' text and the
 * routes' chunk names written in, and loads it from index.html, async, before the app.
 */
export function earlyRequests(): Plugin {
  let base = '/';
  return {
    name: 'skillgraph-early-requests',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const operations = {
          CANDIDATE_MATCHES: await asSent(CandidateMatchesDocument, { postingId: 'x', first: 1 }),
          POSTING: await asSent(PostingDocument, { id: 'x' }),
          PRELOAD: {
            candidates: routeFiles(bundle, 'CandidatesPage', base),
            posting: routeFiles(bundle, 'PostingPage', base),
            postings: routeFiles(bundle, 'PostingsPage', base),
          },
        };
        const build = await rolldown({
          input: EARLY,
          platform: 'browser',
          plugins: [
            {
              name: 'early-operations',
              resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
              load: (id) =>
                id === `\0${VIRTUAL}`
                  ? Object.entries(operations)
                      .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
                      .join('\n')
                  : null,
            },
          ],
        });
        const { output } = await build.generate({ format: 'iife', minify: true });
        await build.close();
        const source = output[0].code;
        const fileName = `assets/early-${createHash('sha256').update(source).digest('hex').slice(0, 10)}.js`;
        this.emitFile({ type: 'asset', fileName, source });
        const html = bundle['index.html'];
        if (html?.type !== 'asset' || typeof html.source !== 'string') {
          throw new Error('early-plugin: index.html is not in the bundle');
        }
        html.source = html.source.replace(
          /(\s*)<script type="module"/,
          `$1<script async src="${base}${fileName}"></script>$1<script type="module"`,
        );
      },
    },
  };
}
