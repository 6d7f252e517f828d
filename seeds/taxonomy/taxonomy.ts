import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaxonomyFile } from '../../src/taxonomy/taxonomy.types';

// The derived taxonomy, written by `npm run taxonomy:import` from the public sources and
// the overrides, and committed so that a checkout without the sources still has it. The
// build copies it beside the compiled code.

export const TAXONOMY_FILE = join(__dirname, 'taxonomy.json');

let cached: TaxonomyFile | null = null;

export function loadTaxonomy(): TaxonomyFile {
  cached ??= JSON.parse(readFileSync(TAXONOMY_FILE, 'utf8')) as TaxonomyFile;
  return cached;
}
