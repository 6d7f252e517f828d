import { defineConfig } from 'vite';
import { earlyRequests } from './early-plugin';

// Served by the API process at / (see src/web.ts); `npm run dev` proxies /graphql to it.
export default defineConfig({
  plugins: [earlyRequests()],
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
