import DataLoader from 'dataloader';
import { Histogram } from 'prom-client';
import type { PoolConnection } from 'mysql2';
import { DataSource, ObjectLiteral, QueryFailedError } from 'typeorm';
import { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { EntityMetadata } from 'typeorm/metadata/EntityMetadata';

// Helpers that make batch functions honour the DataLoader contract: one result
// per key, in the order of the keys.

/** For each key, the row whose key matches, or null. */
export function onePer<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** For each key, all rows whose key matches, in the order the rows came. */
export function manyPer<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const byKey = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((key) => byKey.get(key)!);
}

/**
 * Batch sizes of every loader, by name: how many keys each batch carried. Registered
 * in each app's registry (see observability.ts), so one histogram serves them all.
 */
export const loaderBatchSizes = new Histogram({
  name: 'skillgraph_dataloader_batch_size',
  help: 'Keys per DataLoader batch, by loader',
  labelNames: ['loader'],
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
  registers: [],
});

/** A DataLoader whose batch sizes are measured under `name`. */
export function batchLoader<K, V>(
  name: string,
  batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
): DataLoader<K, V> {
  return new DataLoader<K, V>((keys) => {
    loaderBatchSizes.observe({ loader: name }, keys.length);
    return batch(keys);
  });
}

/**
 * The rows of `entity` whose `key` is one of `keys`, in `order`, as instances of the entity
 * class: one plain statement, each column converted by the driver as TypeORM would (booleans,
 * dates, transformers), without the query builder and the entity transformer. For the rows
 * nearly every answer reads (a ranked page's candidates, a posting's or a candidate's skills)
 * building the query and hydrating the entities cost more CPU than the statement itself. Only
 * for entities of plain columns: no relation or embedded entity is loaded. Reads go where the
 * query builder's would (a replica, or the primary once the request has written).
 */
export async function entityRows<T extends ObjectLiteral>(
  db: DataSource,
  entity: new () => T,
  key: keyof T & string,
  keys: readonly number[],
  order: [keyof T & string, 'ASC' | 'DESC'][] = [],
  /** a further expression to select, built once per shape */
  also?: string,
): Promise<T[]> {
  if (keys.length === 0) return [];
  const { converted, sql } = selectOf(db, entity, key, order, also);
  const rows = await readRows(db, sql.replace('?', keys.map(() => '?').join(', ')), [...keys]);
  const driver = db.driver;
  return rows.map((row) => {
    const hydrated = Object.assign(new entity(), row) as Record<string, unknown>;
    for (const column of converted)
      hydrated[column.propertyName] = driver.prepareHydratedValue(row[column.propertyName], column);
    return hydrated as T;
  });
}

/** An entity's row, with the rows of a link table that name it. */
export interface WithLinks<T, L> {
  row: T;
  links: L[];
}

/**
 * The rows of `entity` whose `key` is one of `keys` (as `entityRows` reads them), each with
 * the rows of `link` whose `linkKey` is the row's `key`, in `order`: on MySQL in one
 * statement, the links of each row gathered as a JSON array. Every read waits its turn for
 * a pooled connection and costs a socket write, which under load cost more than the
 * statement itself. Only for link tables of numeric columns, which JSON keeps exactly.
 */
export async function entityRowsWithLinks<T extends ObjectLiteral, L extends ObjectLiteral>(
  db: DataSource,
  entity: new () => T,
  key: keyof T & string,
  keys: readonly number[],
  link: { entity: new () => L; key: keyof L & string; order: [keyof L & string, 'ASC' | 'DESC'][] },
): Promise<WithLinks<T, L>[]> {
  if (!(db.driver instanceof MysqlDriver)) {
    const [rows, links] = await Promise.all([
      entityRows(db, entity, key, keys),
      linkRows(db, link.entity, link.key, keys, link.order),
    ]);
    const linksOf = manyPer(rows.map((row) => row[key] as unknown), links, (l) => l[link.key] as unknown);
    return rows.map((row, i) => ({ row, links: linksOf[i] }));
  }
  const linkMetadata = db.getMetadata(link.entity);
  const linkColumns = linkMetadata.columns.map((c) => c.propertyName);
  const rows = await entityRows(db, entity, key, keys, [], linksSelect(db, entity, key, link.entity, link.key));
  return rows.map((row) => {
    const { [LINKS]: listed, ...fields } = row as Record<string, unknown>;
    // MySQL hands a JSON column over parsed; MariaDB's JSON is text.
    const values = (typeof listed === 'string' ? JSON.parse(listed) : (listed ?? [])) as unknown[][];
    const links = values.map((list) => {
      const hydrated: Record<string, unknown> = new link.entity();
      for (let i = 0; i < linkColumns.length; i++) hydrated[linkColumns[i]] = list[i];
      return hydrated as L;
    });
    links.sort(byOrder(link.order));
    return { row: Object.assign(new entity(), fields), links };
  });
}

/** The column under which `entityRowsWithLinks` reads a row's links. */
const LINKS = '_links';

/** The correlated subquery that lists a row's links as a JSON array of arrays of their column values. */
function linksSelect(
  db: DataSource,
  entity: new () => ObjectLiteral,
  key: string,
  link: new () => ObjectLiteral,
  linkKey: string,
): string {
  const metadata = db.getMetadata(entity);
  const linkMetadata = db.getMetadata(link);
  const numeric = linkMetadata.columns.every((c) => !c.transformer && NUMERIC.has(c.type));
  if (!numeric) throw new Error(`${linkMetadata.tableName} has columns JSON may not keep exactly`);
  const name = (c: ColumnMetadata) => db.driver.escape(c.databaseName);
  const values = linkMetadata.columns.map((c) => `l.${name(c)}`).join(', ');
  const own = name(metadata.findColumnWithPropertyName(key)!);
  return (
    `(SELECT JSON_ARRAYAGG(JSON_ARRAY(${values})) FROM ${db.driver.escape(linkMetadata.tableName)} l ` +
    `WHERE l.${name(linkMetadata.findColumnWithPropertyName(linkKey)!)} = ${db.driver.escape(metadata.tableName)}.${own}) ` +
    `AS ${db.driver.escape(LINKS)}`
  );
}

/** Column types whose values JSON holds exactly as the driver would return them. */
const NUMERIC = new Set<unknown>([Number, 'int', 'integer', 'smallint', 'double', 'float', 'real']);

/** Compares two rows by `order`, as SQL's ORDER BY would (numbers only). */
function byOrder<L extends ObjectLiteral>(order: [keyof L & string, 'ASC' | 'DESC'][]) {
  return (a: L, b: L): number => {
    for (const [column, direction] of order) {
      const difference = (a[column] as number) - (b[column] as number);
      if (difference !== 0) return direction === 'ASC' ? difference : -difference;
    }
    return 0;
  };
}

/**
 * The rows one read statement returns, from where the query builder would read them. On
 * MySQL straight from the driver's pool: TypeORM's query runner costs as much CPU again as
 * the driver's own work on a short statement. The statement is logged (and so counted,
 * see query-stats.ts) and its failure thrown as TypeORM throws it.
 */
async function readRows(
  db: DataSource,
  sql: string,
  parameters: unknown[],
): Promise<Record<string, unknown>[]> {
  const driver = db.driver;
  if (!(driver instanceof MysqlDriver)) {
    const runner = db.createQueryRunner(db.defaultReplicationModeForReads());
    try {
      return await runner.query(sql, parameters);
    } finally {
      await runner.release();
    }
  }
  const connection: PoolConnection = await (db.defaultReplicationModeForReads() === 'master'
    ? driver.obtainMasterConnection()
    : driver.obtainSlaveConnection());
  db.logger.logQuery(sql, parameters);
  // Bounded as TypeORM bounds every statement (QUERY_TIMEOUT_MS); a connection whose
  // statement timed out is dropped, not pooled again (see query-timeout.ts).
  const { enableQueryTimeout, maxQueryExecutionTime: timeout } = driver.options;
  let timedOut = false;
  try {
    return await new Promise((resolve, reject) =>
      connection.query(
        enableQueryTimeout && timeout ? { sql, timeout } : { sql },
        parameters,
        (error, rows) => {
          if (!error) return resolve(rows as Record<string, unknown>[]);
          timedOut = error.code === 'PROTOCOL_SEQUENCE_TIMEOUT';
          reject(new QueryFailedError(sql, parameters, error));
        },
      ),
    );
  } finally {
    if (timedOut) connection.destroy();
    else connection.release();
  }
}

/** The statement `entityRows` sends, with one `?` for the list of keys; built once per shape. */
function selectOf(
  db: DataSource,
  entity: new () => ObjectLiteral,
  key: string,
  order: [string, 'ASC' | 'DESC'][],
  also = '',
): Select {
  // By the data source's metadata: the quoting of names is the driver's.
  const metadata = db.getMetadata(entity);
  const shape = `${key} ${order.flat().join(' ')} ${also}`;
  let byShape = statements.get(metadata);
  if (!byShape) statements.set(metadata, (byShape = new Map()));
  let select = byShape.get(shape);
  if (!select) {
    const name = (property: string) =>
      db.driver.escape(metadata.findColumnWithPropertyName(property)!.databaseName);
    const { columns } = metadata;
    const orderBy = order.map(([column, direction]) => `${name(column)} ${direction}`).join(', ');
    // Named by property, so that a row is the entity but for the columns the driver converts.
    const list = columns.map(
      (c) => `${db.driver.escape(c.databaseName)} AS ${db.driver.escape(c.propertyName)}`,
    );
    if (also) list.push(also);
    const sql =
      `SELECT ${list.join(', ')} ` +
      `FROM ${db.driver.escape(metadata.tableName)} WHERE ${name(key)} IN (?)` +
      (orderBy ? ` ORDER BY ${orderBy}` : '');
    const converted = columns.filter((c) => c.transformer || !AS_READ.has(c.type));
    byShape.set(shape, (select = { converted, sql }));
  }
  return select;
}

interface Select {
  /** the columns the driver converts: booleans, dates and the like */
  converted: ColumnMetadata[];
  sql: string;
}

const statements = new WeakMap<EntityMetadata, Map<string, Select>>();

/** Column types every driver returns as the entity holds them: numbers and strings. */
const AS_READ = new Set<unknown>([
  Number,
  String,
  'int',
  'integer',
  'double',
  'float',
  'real',
  'varchar',
  'text',
]);

/** The rows of a link table whose `key` is one of `keys`, in `order` (see `entityRows`). */
export function linkRows<T extends ObjectLiteral>(
  db: DataSource,
  entity: new () => T,
  key: keyof T & string,
  keys: readonly number[],
  order: [keyof T & string, 'ASC' | 'DESC'][],
): Promise<T[]> {
  return entityRows(db, entity, key, keys, order);
}
