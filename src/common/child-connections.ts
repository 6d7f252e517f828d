import DataLoader from 'dataloader';
import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { loaderBatchSizes } from './batch';
import {
  Connection,
  ConnectionArgs,
  connectionOf,
  CursorValue,
  encodeCursor,
  keysetCondition,
  Page,
  pageOf,
  reversedSort,
  SortKey,
} from './connection';

// Connections nested under each item of a list (a company's postings, a skill's courses
// and children): lists that grow with other users' writes, so they are paged, and the cost
// limit counts them by `first` or `last`. Pages of every parent in a request come from one
// statement (ROW_NUMBER per parent; in the reverse order for a page from the end), their
// nodes from the node loaders, and the counts
// from one GROUP BY, asked only when a client selects `totalCount`.

export interface ChildListSpec<T extends ObjectLiteral> {
  entity: new () => T;
  /** the column naming the parent, on the alias `child`: `child.companyId` */
  parent: string;
  /** the order; the last key is the node's id, which the node loader takes, so unique per parent */
  sort: Pick<SortKey<T>, 'expression' | 'direction'>[];
  /** narrows the rows for a scope (e.g. open postings only); scopes are told apart by name */
  narrow?: (query: SelectQueryBuilder<ObjectLiteral>, scope: string) => void;
}

interface PageKey extends Page {
  parent: number;
  scope: string;
}

interface ChildPage {
  /** in list order */
  ids: number[];
  cursors: string[];
  /** whether the window held more items beyond the page's far end */
  more: boolean;
}

/** One request's pages and counts of one kind of child list. */
export class ChildConnections<T extends ObjectLiteral> {
  private readonly pages: DataLoader<PageKey, ChildPage, string>;
  private readonly counts: DataLoader<{ parent: number; scope: string }, number, string>;

  constructor(
    name: string,
    private readonly db: DataSource,
    private readonly spec: ChildListSpec<T>,
  ) {
    this.pages = new DataLoader((keys) => this.readPages(name, keys), { cacheKeyFn: pageKeyText });
    this.counts = new DataLoader((keys) => this.readCounts(name, keys), {
      cacheKeyFn: (k) => `${k.scope}:${k.parent}`,
    });
  }

  /** A parent's page of children, its nodes loaded by `nodes` (one batched load per request). */
  async connection<N>(
    parent: number,
    args: ConnectionArgs,
    scope: string,
    nodes: (ids: number[]) => Promise<(N | null | Error)[]> | (N | null | Error)[],
  ): Promise<Connection<N>> {
    // A bad cursor is the client's error, refused before the batch it would fail.
    const asked = pageOf(args, this.spec.sort.length);
    const page = await this.pages.load({ ...asked, parent, scope });
    const loaded = await nodes(page.ids);
    const edges = loaded.flatMap((node, i) =>
      node && !(node instanceof Error) ? [{ node, cursor: page.cursors[i] }] : [],
    );
    return connectionOf(edges, asked, page.more, () => this.counts.load({ parent, scope }));
  }

  /** Clears what this request read, after a write to these lists. */
  clearAll(): void {
    this.pages.clearAll();
    this.counts.clearAll();
  }

  // By table name, not entity: with an entity, TypeORM repeats selections of the same column.
  private rows(parents: number[], scope: string): SelectQueryBuilder<ObjectLiteral> {
    const query = this.db
      .createQueryBuilder()
      .from(this.db.getMetadata(this.spec.entity).tableName, 'child')
      .where(`${this.spec.parent} IN (:...parents)`, { parents });
    this.spec.narrow?.(query, scope);
    return query;
  }

  private async readPages(name: string, keys: readonly PageKey[]): Promise<ChildPage[]> {
    loaderBatchSizes.observe({ loader: name }, keys.length);
    // Keys asking for the same page (size, side, cursors) and scope share a statement: in
    // one request, that is every key of one field.
    const groups = new Map<string, PageKey[]>();
    for (const key of keys) {
      const group = pageKeyText({ ...key, parent: 0 });
      groups.set(group, [...(groups.get(group) ?? []), key]);
    }
    const pages = new Map<string, ChildPage>();
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const page = group[0];
        const rows = await this.readGroup(
          group.map((k) => k.parent),
          page,
        );
        for (const key of group) {
          const mine = rows.filter((r) => Number(r.parent) === key.parent);
          const kept = mine.slice(0, page.size);
          if (page.from === 'end') kept.reverse();
          pages.set(pageKeyText(key), {
            ids: kept.map((r) => Number(r[`s${this.spec.sort.length - 1}`])),
            cursors: kept.map((r) => encodeCursor(this.spec.sort.map((_, i) => r[`s${i}`]))),
            more: mine.length > page.size,
          });
        }
      }),
    );
    return keys.map((key) => pages.get(pageKeyText(key))!);
  }

  /**
   * Up to `size + 1` rows of each parent between the cursors, nearest the page's side first:
   * in list order from the start, in the reverse order from the end.
   */
  private async readGroup(parents: number[], page: PageKey): Promise<Record<string, CursorValue>[]> {
    const { sort } = this.spec;
    const order = (page.from === 'start' ? sort : reversedSort(sort))
      .map((k) => `${k.expression} ${k.direction}`)
      .join(', ');
    const inner = this.rows([...new Set(parents)], page.scope)
      .select(this.spec.parent, 'parent')
      .addSelect(`ROW_NUMBER() OVER (PARTITION BY ${this.spec.parent} ORDER BY ${order})`, 'place');
    sort.forEach((k, i) => inner.addSelect(k.expression, `s${i}`));
    if (page.after) inner.andWhere(keysetCondition(sort, page.after, 'after'));
    if (page.before) inner.andWhere(keysetCondition(sort, page.before, 'before'));
    return this.db
      .createQueryBuilder()
      .select('ranked.*')
      .from(`(${inner.getQuery()})`, 'ranked')
      .where('ranked.place <= :limit', { limit: page.size + 1 })
      .setParameters(inner.getParameters())
      .orderBy('ranked.parent', 'ASC')
      .addOrderBy('ranked.place', 'ASC')
      .getRawMany<Record<string, CursorValue>>();
  }

  private async readCounts(
    name: string,
    keys: readonly { parent: number; scope: string }[],
  ): Promise<number[]> {
    loaderBatchSizes.observe({ loader: `${name}Count` }, keys.length);
    const counts = new Map<string, number>();
    for (const scope of new Set(keys.map((k) => k.scope))) {
      const parents = keys.filter((k) => k.scope === scope).map((k) => k.parent);
      const rows = await this.rows([...new Set(parents)], scope)
        .select(this.spec.parent, 'parent')
        .addSelect('COUNT(*)', 'n')
        .groupBy(this.spec.parent)
        .getRawMany<{ parent: number; n: number | string }>();
      for (const row of rows) counts.set(`${scope}:${Number(row.parent)}`, Number(row.n));
    }
    return keys.map((k) => counts.get(`${k.scope}:${k.parent}`) ?? 0);
  }
}

/** A page key as text: the same page of the same parent and scope, the same text. */
function pageKeyText(key: PageKey): string {
  return JSON.stringify([key.parent, key.scope, key.size, key.from, key.after, key.before]);
}
