import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createDataSource, serverFlavourUrl } from '../ormconfig';
import { seedReference } from '../seeds/load';
import { generateSynthetic, syntheticCandidateCount } from '../seeds/synthetic';

// What the benchmarks share: one database of synthetic data per size, and the table they print.

/** The URL of the database that holds `size` synthetic candidates on `server`. */
export function syntheticDatabaseUrl(server: string, size: number): string {
  const url = new URL(server);
  url.pathname = `/skillgraph_bench_${size}`;
  return url.toString();
}

/** A MySQL database of `size` synthetic candidates and 2,000 postings, made once, then reused. */
export async function syntheticDatabase(server: string, size: number): Promise<DataSource> {
  const url = syntheticDatabaseUrl(server, size);
  const name = new URL(url).pathname.slice(1);
  const admin = await createConnection({ uri: server });
  await admin.query(
    `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  await admin.end();
  const db = await createDataSource({ databaseUrl: await serverFlavourUrl(url) }).initialize();
  await db.runMigrations({ transaction: 'each' });
  const loaded = await syntheticCandidateCount(db);
  if (loaded !== size) {
    if (loaded > 0)
      throw new Error(`${name} holds ${loaded} synthetic candidates, not ${size}: drop it and run again`);
    await seedReference(db);
    const started = performance.now();
    const counts = await generateSynthetic(db, { candidates: size, postings: 2000, seed: 42 });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `generated ${size} candidates (${counts.candidateSkills} candidate-skill rows) in ${seconds.toFixed(1)} s: ${Math.round(counts.candidateSkills / seconds)} candidate-skill rows/s`,
    );
  }
  return db;
}

/** Right-aligned columns under a header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
