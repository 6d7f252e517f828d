import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadTaxonomy } from '../seeds/taxonomy/taxonomy';
import { TaxonomyIndex } from '../src/taxonomy/taxonomy-index';

// `npm run bench:extraction`: scores skill extraction on SkillSpan's tech postings (the
// development split in ../shared/data) and times it. Gold, per posting: the skills the
// `skill(slug:)` lookup resolves from the human-labelled "knowledge" spans; predicted: the
// skills extracted from the posting's text. Prints coverage (the share of labelled spans
// the taxonomy resolves), micro precision, recall and F1 over (posting, skill) pairs, the
// commonest false positives and misses, and extraction time per posting and per
// 5,000-character text.

interface Posting {
  id: string;
  text: string;
  gold_spans: { type: string; text: string }[];
}

// `-- --data FILE` reads another copy of the postings
const dataFlag = process.argv.indexOf('--data');
const DATA = resolve(
  dataFlag >= 0
    ? process.argv[dataFlag + 1]
    : join(__dirname, '..', '..', '..', 'shared', 'data', 'skillspan-tech-dev.jsonl'),
);

/** SkillSpan's tokenisation splits names ("node . js", ". net"): rejoin them, drop stray punctuation. */
export function normaliseSpan(span: string): string {
  return span
    .replace(/\s*\.\s*(?=\w)/g, '.')
    .replace(/^[\s"'(),;:!?]+|[\s"'(),;:!?.]+$/g, '')
    .trim();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function main(): void {
  if (!existsSync(DATA)) {
    console.error(`bench:extraction needs ${DATA} (the shared SkillSpan data), which is absent`);
    process.exit(2);
  }
  const postings = readFileSync(DATA, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Posting);
  const taxonomy = loadTaxonomy();
  const skills = taxonomy.skills.map((s, i) => ({
    id: i + 1,
    slug: s.slug,
    name: s.name,
    aliases: s.aliases,
    group: !!s.group,
  }));
  const slugOf = (id: number) => skills[id - 1].slug;
  const started = performance.now();
  const index = new TaxonomyIndex(taxonomy.version, skills, taxonomy);
  const buildMs = performance.now() - started;

  let spans = 0;
  let resolved = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const falsePositives = new Map<string, number>();
  const misses = new Map<string, number>();
  for (const posting of postings) {
    const gold = new Set<number>();
    for (const span of posting.gold_spans.filter((s) => s.type === 'knowledge')) {
      spans++;
      const id = index.lookup(normaliseSpan(span.text));
      if (id !== null) {
        resolved++;
        gold.add(id);
      }
    }
    const predicted = new Set(index.extract(posting.text).map((s) => s.skillId));
    for (const id of predicted) {
      if (gold.has(id)) tp++;
      else {
        fp++;
        falsePositives.set(slugOf(id), (falsePositives.get(slugOf(id)) ?? 0) + 1);
      }
    }
    for (const id of gold) {
      if (!predicted.has(id)) {
        fn++;
        misses.set(slugOf(id), (misses.get(slugOf(id)) ?? 0) + 1);
      }
    }
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const f1 = (2 * precision * recall) / (precision + recall);

  // timing: every posting as it is, and 5,000-character texts cut from all of them end to end
  const all = postings.map((p) => p.text).join('\n');
  const windows = Array.from({ length: 40 }, (_, k) => {
    const at = (k * 2_371) % Math.max(1, all.length - 5_000);
    return all.slice(at, at + 5_000);
  });
  // wall time, and this process's CPU time, which a busy machine's other processes do not inflate
  const time = (texts: string[], rounds: number) => {
    for (const t of texts) index.extract(t); // warm
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < rounds; r++)
      for (const t of texts) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        index.extract(t);
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
    return { wall, cpu };
  };
  const perPosting = time(
    postings.map((p) => p.text),
    20,
  );
  const per5k = time(windows, 20);
  const figures = ({ wall, cpu }: { wall: number[]; cpu: number[] }) =>
    `p50 ${percentile(wall, 50).toFixed(3)} ms, p95 ${percentile(wall, 95).toFixed(3)} ms ` +
    `(CPU time p50 ${percentile(cpu, 50).toFixed(3)} ms, p95 ${percentile(cpu, 95).toFixed(3)} ms)`;
  const meanLength = Math.round(postings.reduce((n, p) => n + p.text.length, 0) / postings.length);
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 15)
      .map(([slug, n]) => `${slug} ×${n}`)
      .join(', ');

  console.log(`data: ${DATA} (${postings.length} postings, ${spans} knowledge spans)`);
  console.log(
    `taxonomy ${taxonomy.version}: ${skills.length} skills, index built in ${buildMs.toFixed(0)} ms`,
  );
  console.log(
    `coverage  ${(resolved / spans).toFixed(3)}  (${resolved} of ${spans} labelled spans resolve to a skill)`,
  );
  console.log(
    `precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  F1 ${f1.toFixed(3)}  (tp ${tp}, fp ${fp}, fn ${fn})`,
  );
  console.log(`extraction per posting (mean ${meanLength} chars): ${figures(perPosting)}`);
  console.log(`extraction per 5,000-character text: ${figures(per5k)}`);
  console.log(`worst false positives: ${top(falsePositives)}`);
  console.log(`worst misses: ${top(misses)}`);
}

if (require.main === module) main();
