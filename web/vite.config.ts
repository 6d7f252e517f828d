import { defineConfig, type Plugin } from 'vite';
import { earlyRequests } from './early-plugin.ts';

/**
 * Marks the first bundle with V8's explicit compile hint, so Chromium compiles all its
 * functions eagerly, off the main thread while the file streams in, instead of one by one on
 * the main thread as the app starts and calls them: nearly all of them are called at start.
 */
function compileEagerly(): Plugin {
  const HINT = '//# allFunctionsCalledOnLoad\n';
  return {
    name: 'skillgraph-compile-eagerly',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
          // The hint only counts as the file's first line; a source map then starts a line later.
          chunk.code = HINT + chunk.code;
          const map = bundle[`${chunk.fileName}.map`];
          if (map?.type === 'asset' && typeof map.source === 'string') {
            const parsed = JSON.parse(map.source) as { mappings: string };
            map.source = JSON.stringify({ ...parsed, mappings: `;${parsed.mappings}` });
          }
        }
      },
    },
  };
}

// Served by the API process at / (see src/web.ts); `npm run dev` proxies /graphql to it.
export default defineConfig({
  plugins: [earlyRequests(), compileEagerly()],
  oxc: { jsx: { runtime: 'automatic' } },
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React Router marks its modules "use client" for server components; a browser bundle has no use for it.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
