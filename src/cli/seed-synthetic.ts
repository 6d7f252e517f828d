import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { generateSynthetic, syntheticCandidateCount } from '../../seeds/synthetic';
import { loadConfig } from '../config';
import { openDatabase } from '../database';
import { failureLine } from './command';

// npm run seed:synthetic -- --candidates 100000 --postings 2000 --seed 42
// Adds synthetic candidates and postings to the database of DATABASE_URL (or the
// embedded one). The reference data must be loaded first (npm run db:seed).

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      candidates: { type: 'string', default: '100000' },
      postings: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '42' },
    },
  });
  const candidates = wholeNumber(values.candidates!, '--candidates');
  const postings = wholeNumber(values.postings!, '--postings');
  const seed = wholeNumber(values.seed!, '--seed');

  const db = await openDatabase(loadConfig(), 'as-is');
  try {
    const existing = await syntheticCandidateCount(db);
    if (existing > 0) {
      console.log(`${existing} synthetic candidates are already loaded; nothing to do`);
      return;
    }
    const bar = new SingleBar(
      { format: 'candidates {bar} {value}/{total} {percentage}% eta {eta}s' },
      Presets.shades_classic,
    );
    bar.start(candidates, 0);
    const started = performance.now();
    const counts = await generateSynthetic(db, {
      candidates,
      postings,
      seed,
      onProgress: (done) => bar.update(done),
    });
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    const rows = counts.candidates + counts.candidateSkills + counts.postings + counts.postingSkills;
    console.log(
      `loaded ${counts.candidates} candidates with ${counts.candidateSkills} skills and ${counts.postings} postings ` +
        `with ${counts.postingSkills} skills: ${rows} rows in ${seconds.toFixed(1)} s, ${Math.round(rows / seconds)} rows/s ` +
        `(${Math.round(counts.candidateSkills / seconds)} candidate-skill rows/s)`,
    );
  } finally {
    await db.destroy();
  }
}

function wholeNumber(value: string, name: string): number {
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return Number(value);
}

main().catch((error: unknown) => {
  console.error(failureLine(error));
  process.exit(1);
});
