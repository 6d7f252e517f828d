import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Express } from 'express';

/** Paths the API owns: the app's history fallback never answers them. */
const API_PATHS = /^\/(graphql|explorer|healthz|readyz|metrics)(\/|$)/;

// Everything the page loads comes from this host: a script or style from anywhere else is refused.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";

/** web/dist, built by `npm run build:web`, from src/ (ts-jest) or dist/src/ (the compiled service). */
export function webAppRoot(): string | null {
  return (
    [resolve(__dirname, '..', 'web', 'dist'), resolve(__dirname, '..', '..', 'web', 'dist')].find((dir) =>
      existsSync(join(dir, 'index.html')),
    ) ?? null
  );
}

/**
 * Serves the web app at /: hashed assets cached for a year, and index.html, never cached,
 * for any other GET that asks for a page, so deep links and reloads reach the app's router.
 */
export function serveWebApp(app: Express, root: string | null = webAppRoot()): void {
  if (!root) return;
  app.use(
    '/assets',
    express.static(join(root, 'assets'), { immutable: true, maxAge: '1y', index: false }),
    (_req, res) => {
      res.status(404).end();
    },
  );
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    res.sendFile(join(root, 'index.html'));
  });
}
