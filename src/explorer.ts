import { dirname, join } from 'node:path';
import { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { Router } from 'express';

// GraphiQL from its npm package, served by the service itself, so the explorer works without
// internet access: its pre-built bundle, and React's, which that bundle expects as globals.

/** Where the explorer's scripts and styles are served. */
export const EXPLORER_ASSETS = '/explorer';

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const FILES: Record<string, string> = {
  'react.js': join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': join(packageDir('graphiql'), 'graphiql.min.css'),
};

// A script file rather than inline script, so a Content-Security-Policy of 'self' allows it.
// The headers editor starts open: a token from logIn goes there as {"Authorization": "Bearer …"}.
const START = `ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher: GraphiQL.createFetcher({ url: new URL('/graphql', location.href).href }),
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false,
  }),
);
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Skillgraph GraphQL explorer</title>
<link rel="stylesheet" href="${EXPLORER_ASSETS}/graphiql.css">
<style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script src="${EXPLORER_ASSETS}/react.js"></script>
<script src="${EXPLORER_ASSETS}/react-dom.js"></script>
<script src="${EXPLORER_ASSETS}/graphiql.js"></script>
<script src="${EXPLORER_ASSETS}/start.js"></script>
</body>
</html>
`;

/** Serves the explorer's files; mount at EXPLORER_ASSETS. */
export function explorerAssets(): Router {
  const router = express.Router();
  router.get('/start.js', (_req, res) => {
    res.type('text/javascript').send(START);
  });
  for (const [name, path] of Object.entries(FILES)) {
    router.get(`/${name}`, (_req, res) => {
      res.sendFile(path, { maxAge: '1h' });
    });
  }
  return router;
}

/**
 * GraphiQL as the page a browser gets at GET /graphql when `enabled`; otherwise no page at all
 * (Apollo's own landing page loads from a CDN).
 */
export function explorerPlugin(enabled: boolean): ApolloServerPlugin {
  if (!enabled) return ApolloServerPluginLandingPageDisabled();
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: PAGE };
        },
      };
    },
  };
}
