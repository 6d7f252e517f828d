// The way imports in src/ may point, checked by `npm run lint:deps` (and CI), which also
// lists import circles with madge. The layers, top to bottom (see README, "Layout"): the
// composition root and the commands; the resolvers; accounts; the domains' services and
// caches; access (who asks, what they may do); the pure kernels; common/ and errors.ts.
// Each rule names a direction that must not be taken.

/** The composition root (builds and wires) and the commands: entry points, imported by nothing below. */
const ROOT = '^src/((main|server|schema|context|database)[.]ts$|cli/)';
const BELOW_ROOT = '^src/(?!(main|server|schema|context|database)[.]ts$|cli/)';
const DOMAINS = '(account|candidate|course|import|learning|matching|posting|skill|taxonomy|node)';
/** Pure functions over plain data: no database, no GraphQL, no services. */
const KERNELS =
  '^src/(matching/(scoring|ranking|rank-heap|index-storage)|learning/path|skill/skill-tree|posting/wanted-skill|course/course-input|taxonomy/(extract|cues|text|build|names))[.]ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'root-imported-by-nothing',
      severity: 'error',
      comment:
        'The composition root builds and wires; features take what they need from request.ts and their own modules.',
      from: { path: BELOW_ROOT },
      to: { path: ROOT },
    },
    {
      name: 'no-seeds-below-the-root',
      severity: 'error',
      comment: 'Seeds depend on src, never the reverse: the composition root hands seed data in.',
      from: { path: BELOW_ROOT },
      to: { path: '^seeds/' },
    },
    {
      name: 'accounts-above-the-domains',
      severity: 'error',
      comment:
        'Accounts create candidates and companies; the domains read who asks from access/, not account/. ' +
        'node/ fetches an object of any type by its global id, accounts included, so it sits above them.',
      from: { path: BELOW_ROOT, pathNot: '^src/(account|node)/' },
      to: { path: '^src/account/' },
    },
    {
      name: 'resolvers-imported-by-the-schema-only',
      severity: 'error',
      comment: 'Resolvers are the top of each domain: services and kernels never call them.',
      from: { path: '^src/', pathNot: '^src/schema[.]ts$|[.]resolver[.]ts$' },
      to: { path: '[.]resolver[.]ts$' },
    },
    {
      name: 'common-knows-no-domain',
      severity: 'error',
      comment: 'common/ and errors.ts are shared helpers below every domain.',
      from: { path: '^src/(common/|errors[.]ts$)' },
      to: { path: `^src/${DOMAINS}/` },
    },
    {
      name: 'kernels-stay-pure',
      severity: 'error',
      comment: 'Scoring, ranking, paths and text reading are pure functions over plain data.',
      from: { path: KERNELS },
      to: {
        path: `^node_modules/(typeorm|type-graphql|graphql|mysql2|dataloader|express)/|[.](entity|service|resolver|loaders|inputs)[.]ts$`,
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
