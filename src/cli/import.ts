import 'reflect-metadata';
import { createReadStream } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../database';
import { importExtractor } from '../import/extractor';
import { ImportService } from '../import/import.service';
import { ImportReport, RECORD_TYPES, RecordType } from '../import/import.types';
import { csvRows, jsonlRows } from '../import/sources';
import { SkillCatalog } from '../skill/skill-catalog';
import { SkillService } from '../skill/skill.service';
import { ExtractionService } from '../taxonomy/extraction.service';
import { loadTaxonomy } from '../../seeds/taxonomy/taxonomy';
import { failureLine } from './command';

// `npm run import -- FILE [--dry-run] [--strict] [--report REPORT.json] [--type T]`
// Exit status: 0 nothing rejected, 1 some rows rejected, 2 the file (or the command) unusable.

const USAGE =
  'usage: npm run import -- FILE [--dry-run] [--strict] [--report REPORT.json] [--type posting|candidate|course]';
/** Rejections printed under the summary; the report file has them all. */
const PRINTED_ERRORS = 20;
/** How often a line of progress is printed when the output is not a terminal. */
const PLAIN_PROGRESS_MS = 5000;

class UsageError extends Error {}

function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        report: { type: 'string' },
        type: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { positionals, values } = parsed;
  if (positionals.length !== 1) throw new UsageError(USAGE);
  const type = values.type?.toLowerCase() ?? null;
  if (type !== null && !(RECORD_TYPES as readonly string[]).includes(type)) {
    throw new UsageError(`--type must be one of ${RECORD_TYPES.join(', ')}`);
  }
  const file = positionals[0];
  const csv = file.toLowerCase().endsWith('.csv');
  if (csv && type === null) throw new UsageError('a CSV file holds one type of record: give --type');
  return {
    file,
    csv,
    type: type as RecordType | null,
    dryRun: values['dry-run'],
    strict: values.strict,
    reportPath: values.report ?? null,
  };
}

/** Rows/s, percentage of the file read and time left, on a terminal or as plain lines. */
function progressDisplay(totalBytes: number, bytesRead: () => number) {
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: '{bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}', etaBuffer: 20 },
      Presets.shades_classic,
    );
    bar.start(Math.max(totalBytes, 1), 0, { rows: 0, rate: 0 });
    return {
      update: (rows: number) => bar.update(bytesRead(), { rows, rate: rate(rows) }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update: (rows: number) => {
      if (Date.now() - last < PLAIN_PROGRESS_MS) return;
      last = Date.now();
      const share = totalBytes > 0 ? Math.floor((100 * bytesRead()) / totalBytes) : 100;
      console.error(`import: ${rows} rows read (${share} % of the file), ${rate(rows)} rows/s`);
    },
    stop: () => undefined,
  };
}

function summary(report: ImportReport, seconds: number, rows: number, dryRun: boolean): string {
  const usage = process.resourceUsage();
  const peakMiB = Math.round(usage.maxRSS / 1024);
  // the command's own work, which other processes on a busy machine do not inflate
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  const lines = [
    `${dryRun ? 'dry run, nothing written: would create' : 'created'} ${report.created}, ` +
      `${dryRun ? 'update' : 'updated'} ${report.updated}, unchanged ${report.unchanged}, ` +
      `rejected ${report.rejected}; ${rows} rows in ${seconds.toFixed(1)} s ` +
      `(${Math.round(rows / Math.max(seconds, 0.001))} rows/s, CPU ${cpuSeconds.toFixed(1)} s, peak RSS ${peakMiB} MiB)`,
    ...extractionLine(report),
    ...report.errors
      .slice(0, PRINTED_ERRORS)
      .map((e) => `  line ${e.line}${e.field ? ` ${e.field}` : ''}: ${e.code}: ${e.message}`),
  ];
  if (report.errors.length > PRINTED_ERRORS) lines.push(`  … ${report.errors.length - PRINTED_ERRORS} more`);
  return lines.join('\n');
}

/** How the records that listed no skills fared with their text, when there were any. */
function extractionLine(report: ImportReport): string[] {
  if (report.extracted === 0) return [];
  const listed = report.extractions;
  const skills = listed.reduce((sum, e) => sum + e.skillCount, 0);
  const none = listed.filter((e) => e.skillCount === 0).length;
  const of = listed.length < report.extracted ? ` (the first ${listed.length} of them)` : '';
  const records =
    report.extracted === 1 ? '1 record that listed none' : `${report.extracted} records that listed none`;
  return [
    `skills read from text for ${records}${of}: ` +
      `${skills} skills, ${(skills / listed.length).toFixed(1)} a record, ${none} with none found`,
  ];
}

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  let size: number;
  try {
    const handle = await open(options.file, 'r');
    const stat = await handle.stat();
    await handle.close();
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch (error) {
    console.error(`cannot read ${options.file}: ${(error as Error).message}`);
    return 2;
  }
  const db = await openDatabase(loadConfig(), 'serve');
  try {
    const catalog = new SkillCatalog(db);
    const imports = new ImportService(db, new SkillService(db, catalog), {
      extractSkills: importExtractor(new ExtractionService(db, catalog, loadTaxonomy)),
    });
    let stream: ReturnType<typeof createReadStream> | null = null;
    const openRows = () => {
      stream = createReadStream(options.file);
      return options.csv ? csvRows(stream) : jsonlRows(stream);
    };
    const progress = progressDisplay(size, () => stream?.bytesRead ?? 0);
    const started = Date.now();
    let rowsRead = 0;
    let report: ImportReport;
    try {
      report = await imports.importRows(openRows, {
        type: options.type,
        dryRun: options.dryRun,
        strict: options.strict,
        onProgress: (rows) => {
          rowsRead = rows;
          progress.update(rows);
        },
      });
    } finally {
      progress.stop();
    }
    if (options.reportPath) await writeFile(options.reportPath, JSON.stringify(report, null, 2) + '\n');
    console.log(summary(report, (Date.now() - started) / 1000, rowsRead, options.dryRun));
    if (options.strict && report.rejected > 0)
      console.log('--strict: a row was rejected, so nothing was written');
    return report.rejected > 0 ? 1 : 0;
  } finally {
    await db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    // the file vanished or failed while being read
    const syscall = (error as { syscall?: string }).syscall;
    if (syscall === 'read' || syscall === 'open') {
      console.error(`cannot read the file: ${(error as Error).message}`);
      process.exitCode = 2;
      return;
    }
    console.error(failureLine(error));
    process.exitCode = error instanceof ConfigError ? 2 : 3; // a bad setting leaves the command unusable
  },
);
