import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EscoItem, LinguistLanguage, OnetRow, ReferenceSkill, Sources, TagSynonym } from './build';

// Reads the public source files (as laid out in shared/data) into the shapes the build takes.

export const SOURCE_FILES = {
  esco: 'esco-v1.1.1-digital-skills.jsonl',
  onet: 'onet-29.2-developer-technologies.csv',
  linguist: 'linguist-languages.json',
  stackoverflow: 'stackoverflow-tag-synonyms-2021.csv',
};

export const ATTRIBUTION: Sources['attribution'] = [
  {
    name: 'ESCO v1.1.1, digital skills collection',
    licence: 'ESCO © European Union, reuse with attribution (Commission Decision 2011/833/EU)',
    attribution: 'This service uses the ESCO classification of the European Commission.',
  },
  {
    name: 'O*NET 29.2 Database, Technology Skills and UNSPSC Reference',
    licence: 'CC BY 4.0',
    attribution: 'O*NET 29.2 Database by USDOL/ETA, used under CC BY 4.0.',
  },
  {
    name: 'GitHub Linguist languages.yml (npm linguist-languages 9.5.0)',
    licence: 'MIT',
    attribution: 'Copyright (c) 2017 GitHub, Inc. and Linguist contributors.',
  },
  {
    name: 'Stack Overflow tag synonyms (Stack Exchange data dump, 2021-08)',
    licence: 'CC BY-SA 4.0 (applies to the aliases derived from it)',
    attribution: 'Tag synonyms from Stack Overflow, https://stackoverflow.com, by its users.',
  },
];

export function readSources(dir: string, reference: ReferenceSkill[], commonWords: string[]): Sources {
  const text = (file: string) => readFileSync(join(dir, file), 'utf8');
  const esco = text(SOURCE_FILES.esco)
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EscoItem);
  const onet = parseCsv(text(SOURCE_FILES.onet)) as unknown as OnetRow[];
  const linguist = JSON.parse(text(SOURCE_FILES.linguist)) as LinguistLanguage[];
  const stackoverflow: TagSynonym[] = parseCsv(text(SOURCE_FILES.stackoverflow)).map((row) => ({
    alias: row.alias,
    canonical: row.canonical,
    canonicalQuestions: Number(row.canonical_question_count),
  }));
  return { reference, esco, onet, linguist, stackoverflow, commonWords, attribution: ATTRIBUTION };
}

/** RFC 4180 CSV with a header row: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(input: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header, ...body] = rows.filter((r) => r.some((f) => f !== ''));
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
