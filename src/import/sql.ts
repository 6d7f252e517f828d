import { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

// The import's statements, written out. TypeORM's builders look each parameter up among all
// the others and turn every row into an entity, which cost most of an import's CPU time at
// a thousand rows a statement; these send one statement per batch and table and read plain
// rows. Values still travel as parameters, through the driver's own conversion (dates,
// booleans); table and column names come from the entities' metadata. MySQL (or MariaDB)
// and SQLite differ only in how an upsert is spelled.

/** Parameters a statement carries at most: under SQLite's limit of 32,766. */
const MAX_PARAMETERS = 30_000;

export type Row = Record<string, unknown>;

/**
 * A key as the database compares it: MySQL's collation ignores case, SQLite compares
 * bytes. Keys that differ otherwise (accents) are caught after writing (`KeyClash`).
 */
export function keyFolding(db: DataSource): (key: string) => string {
  return db.options.type === 'better-sqlite3' ? (key) => key : (key) => key.toLowerCase();
}

export class Table {
  private readonly metadata: EntityMetadata;
  private readonly mysql: boolean;
  /** a key as the database compares it */
  readonly fold: (key: string) => string;

  constructor(
    private readonly tx: EntityManager,
    entity: EntityTarget<ObjectLiteral>,
  ) {
    this.metadata = tx.connection.getMetadata(entity);
    this.mysql = tx.connection.options.type !== 'better-sqlite3';
    this.fold = keyFolding(tx.connection);
  }

  /**
   * Whether these columns are the table's one unique key besides the primary key, so that
   * an upsert on them can only ever meet the row they name. Another unique key (a course's
   * provider and title) could make it overwrite a row that key belongs to.
   */
  upsertsOn(columns: string[]): boolean {
    const uniques = [
      ...this.metadata.indices.filter((i) => i.isUnique).map((i) => i.columns),
      ...this.metadata.uniques.map((u) => u.columns),
    ];
    const wanted = [...columns].sort().join();
    return (
      uniques.length > 0 &&
      uniques.every(
        (cols) =>
          cols
            .map((c) => c.propertyName)
            .sort()
            .join() === wanted,
      )
    );
  }

  /** `properties` of the rows whose `column` is one of `values` (and `also.column` one of `also.values`). */
  async select(
    properties: string[],
    column: string,
    values: unknown[],
    also?: { column: string; values: unknown[] },
  ): Promise<Row[]> {
    const list = properties.map((p) => `${this.name(p)} AS ${this.escape(p)}`).join(', ');
    const rows: Row[] = [];
    const extra = also?.values.length ?? 0;
    for (const part of chunks(values, MAX_PARAMETERS - extra)) {
      let sql = `SELECT ${list} FROM ${this.table} WHERE ${this.name(column)} IN (${marks(part.length)})`;
      if (also) sql += ` AND ${this.name(also.column)} IN (${marks(also.values.length)})`;
      rows.push(...((await this.tx.query(sql, [...part, ...(also?.values ?? [])])) as Row[]));
    }
    return rows;
  }

  /**
   * One multi-row INSERT per chunk of rows that all set the same properties. With
   * `upsertOn`, a row whose key exists updates it instead (see `upsertsOn`).
   */
  async insert(rows: Row[], upsertOn?: string[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]).map((p) => this.column(p));
    const names = columns.map((c) => this.escape(c.databaseName));
    const tuple = `(${marks(columns.length)})`;
    let conflict = '';
    if (upsertOn) {
      const keys = new Set(upsertOn.map((p) => this.column(p).databaseName));
      const set = names.filter((_, i) => !keys.has(columns[i].databaseName));
      conflict = this.mysql
        ? ` ON DUPLICATE KEY UPDATE ${set.map((n) => `${n} = VALUES(${n})`).join(', ')}`
        : ` ON CONFLICT (${[...keys].map((k) => this.escape(k)).join(', ')}) DO UPDATE SET ${set
            .map((n) => `${n} = excluded.${n}`)
            .join(', ')}`;
    }
    for (const part of chunks(rows, Math.floor(MAX_PARAMETERS / columns.length))) {
      await this.tx.query(
        `INSERT INTO ${this.table} (${names.join(', ')}) VALUES ${part.map(() => tuple).join(', ')}${conflict}`,
        part.flatMap((row) => columns.map((c) => this.value(c, row[c.propertyName]))),
      );
    }
  }

  /** Sets `values` on every row whose `column` is one of `keys`. */
  async update(values: Row, column: string, keys: unknown[]): Promise<void> {
    const columns = Object.keys(values).map((p) => this.column(p));
    // A function is raw SQL, as in TypeORM's own updates (see common/updated-at.ts).
    const isRaw = (c: ColumnMetadata) => typeof values[c.propertyName] === 'function';
    const valueOf = (c: ColumnMetadata) => (isRaw(c) ? (values[c.propertyName] as () => string)() : '?');
    const set = columns.map((c) => `${this.escape(c.databaseName)} = ${valueOf(c)}`).join(', ');
    const params = columns.filter((c) => !isRaw(c)).map((c) => this.value(c, values[c.propertyName]));
    for (const part of chunks(keys, MAX_PARAMETERS - params.length)) {
      await this.tx.query(
        `UPDATE ${this.table} SET ${set} WHERE ${this.name(column)} IN (${marks(part.length)})`,
        [...params, ...part],
      );
    }
  }

  async delete(column: string, keys: unknown[]): Promise<void> {
    for (const part of chunks(keys, MAX_PARAMETERS)) {
      await this.tx.query(
        `DELETE FROM ${this.table} WHERE ${this.name(column)} IN (${marks(part.length)})`,
        part,
      );
    }
  }

  private get table(): string {
    return this.escape(this.metadata.tableName);
  }

  private column(property: string): ColumnMetadata {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.metadata.tableName} has no column ${property}`);
    return column;
  }

  private name(property: string): string {
    return this.escape(this.column(property).databaseName);
  }

  private value(column: ColumnMetadata, value: unknown): unknown {
    return this.tx.connection.driver.preparePersistentValue(value, column);
  }

  private escape(name: string): string {
    return this.tx.connection.driver.escape(name);
  }
}

function marks(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

export function chunks<T>(items: T[], size: number): T[][] {
  if (items.length <= size) return items.length > 0 ? [items] : [];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
