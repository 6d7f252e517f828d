import { IsOptional, Max, Min, ValidateBy, ValidationArguments } from 'class-validator';
import { getNamedType, GraphQLField, GraphQLInterfaceType, GraphQLObjectType } from 'graphql';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors';

// Relay cursor connections, paged both ways: `first`/`after` from the start, `last`/`before`
// from the end. A cursor is the opaque (base64url) encoding of the row's sort key, so paging
// is keyset-based: stable under inserts, and a page costs the same at the end of a list as
// at its start. A page from the end is read in the reverse order, one item more than asked
// (to learn whether more precede it), and turned back, so both ways list the same items in
// the same order.

/** Items a page holds when the client gives neither `first` nor `last`. */
export const DEFAULT_PAGE_SIZE = 20;

/** Most items one page may hold. */
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page stands in the whole list.', simpleResolvers: true })
export class PageInfo {
  @Field({
    description:
      'True when items follow this page. True whenever `before` was given; paging from the end (`last`), that is all it says.',
  })
  hasNextPage: boolean;

  @Field({
    description:
      'True when items precede this page. True whenever `after` was given; paging from the start (`first`), that is all it says.',
  })
  hasPreviousPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The first item's cursor: pass as `before` for the page before this one. Null for no items.",
  })
  startCursor: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The last item's cursor: pass as `after` for the page after this one. Null for no items.",
  })
  endCursor: string | null;
}

/** Refuses a value given together with the argument `other` (both non-null). */
function NotWith(other: string) {
  return ValidateBy({
    name: 'notWith',
    constraints: [other],
    validator: {
      validate: (value: unknown, args?: ValidationArguments) =>
        value == null || (args?.object as Record<string, unknown>)[other] == null,
      defaultMessage: (args?: ValidationArguments) =>
        `give either \`${args?.constraints[0]}\` or \`${args?.property}\`, not both`,
    },
  });
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size from the start of the list (after \`after\`), 1 to ${MAX_PAGE_SIZE}. Without \`first\` or \`last\`, the first ${DEFAULT_PAGE_SIZE}.`,
  })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of an item already seen: the page holds only items after it.',
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Page size from the end of the list (before \`before\`), 1 to ${MAX_PAGE_SIZE}; not with \`first\`.`,
  })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  @NotWith('first')
  last?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of an item already seen: the page holds only items before it.',
  })
  before?: string | null;
}

/** A page asked for, its cursors decoded: `size` items from the start or end of the window the cursors leave. */
export interface Page {
  size: number;
  /** 'start' for `first` (or neither), 'end' for `last` */
  from: 'start' | 'end';
  after: CursorValue[] | null;
  before: CursorValue[] | null;
}

/**
 * The page the arguments ask for, with cursors of `length` values. The arguments were
 * validated (sizes, not both) at the edge; a null counts as absent.
 */
export function pageOf(args: ConnectionArgs, length: number): Page {
  const fromEnd = args.last != null;
  return {
    size: (fromEnd ? args.last : args.first) ?? DEFAULT_PAGE_SIZE,
    from: fromEnd ? 'end' : 'start',
    after: args.after ? decodeCursor(args.after, length, 'after') : null,
    before: args.before ? decodeCursor(args.before, length, 'before') : null,
  };
}

/** What a page's `pageInfo` depends on besides its items: its side, and which cursors bound it. */
export type PageSide = Pick<Page, 'from'> & { after: unknown; before: unknown };

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  /** the edges' nodes, in the same order */
  nodes: T[];
  pageInfo: PageInfo;
  /** a promise where counting waits until a client asks for it */
  totalCount: number | Promise<number>;
}

/**
 * A connection of these edges (in list order) for `page`; `more` says whether the window
 * held more items than the page, beyond its far end (after it from the start, before it from the end).
 */
export function connectionOf<T>(
  edges: Edge<T>[],
  page: PageSide,
  more: boolean,
  totalCount: () => number | Promise<number>,
): Connection<T> {
  let counted: number | Promise<number> | undefined;
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      // Reading past the far end tells exactly; on the near side, a cursor given means items
      // were there when it was made, which is what Relay asks (no statement spent to check).
      hasNextPage: (page.from === 'start' && more) || page.before !== null,
      hasPreviousPage: (page.from === 'end' && more) || page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return (counted ??= totalCount());
    },
  };
}

/**
 * Whether a field of `type` is a connection's `edges` or `nodes`: lists as long as the page
 * asked for, which the cost model counts by the page size of the connection's field.
 */
export function isPageItems(
  type: GraphQLObjectType | GraphQLInterfaceType,
  field: GraphQLField<unknown, unknown>,
): boolean {
  const pageInfo = type.getFields().pageInfo;
  return (
    (field.name === 'edges' || field.name === 'nodes') &&
    pageInfo !== undefined &&
    getNamedType(pageInfo.type).name === PageInfo.name
  );
}

/** Whether a field answers a page (it takes `first` and `last`): the cost model counts it by their value. */
export function isPaged(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((a) => a.name === 'first') && field.args.some((a) => a.name === 'last');
}

/** Builds the `XConnection` and `XEdge` object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name = nodeType.name) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `A ${name} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Pass as `after` or `before` to page from this item.' })
    cursor: string;

    @Field(() => nodeType, { description: 'The item.' })
    node: T;
  }

  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionClass implements Connection<T> {
    @Field(() => [EdgeType], { description: 'The page, in list order, each item with its cursor.' })
    edges: EdgeType[];

    @Field(() => [nodeType], {
      description: 'The same items as `edges`, in the same order, without cursors.',
    })
    nodes: T[];

    @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of items in the whole list, across all pages.' })
    totalCount: number | Promise<number>;
  }
  return ConnectionClass;
}

export type CursorValue = string | number;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` with `length` values, or answers BAD_USER_INPUT. */
export function decodeCursor(cursor: string, length: number, argumentName = 'after'): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const valid =
    Array.isArray(values) &&
    values.length === length &&
    values.every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)));
  if (!valid) throw new BadUserInputError('Invalid cursor', { argumentName });
  return values as CursorValue[];
}

/** A cursor's values as numbers, for the ranked lists, whose keys are all numbers; else BAD_USER_INPUT. */
export function numericCursor(values: CursorValue[] | null, argumentName: string): number[] | null {
  if (values === null) return null;
  if (!values.every((v) => typeof v === 'number'))
    throw new BadUserInputError('Invalid cursor', { argumentName });
  return values as number[];
}

/**
 * One page of a list sorted in memory: the items strictly between the cursors, `size` of
 * them from the window's start or end, in list order, and whether the window held more.
 * `keyOf` gives an item's cursor values and `compare` orders two such keys as the list is sorted.
 */
export function sortedPage<T>(
  sorted: readonly T[],
  keyOf: (item: T) => number[],
  compare: (a: number[], b: number[]) => number,
  page: Page,
): { items: T[]; more: boolean } {
  const after = numericCursor(page.after, 'after');
  const before = numericCursor(page.before, 'before');
  const window = sorted.filter(
    (item) =>
      (after === null || compare(keyOf(item), after) > 0) &&
      (before === null || compare(keyOf(item), before) < 0),
  );
  const items = page.from === 'start' ? window.slice(0, page.size) : window.slice(-page.size);
  return { items, more: window.length > page.size };
}

export interface SortKey<T> {
  /** the SQL expression sorted on, e.g. `skill.name` */
  expression: string;
  /** the entity property holding the same value, read to build cursors */
  property: keyof T & string;
  direction: 'ASC' | 'DESC';
}

/** The same keys in the opposite order, to read a page from the end. */
export function reversedSort<K extends { direction: 'ASC' | 'DESC' }>(sort: K[]): K[] {
  return sort.map((key) => ({ ...key, direction: key.direction === 'ASC' ? 'DESC' : 'ASC' }));
}

/**
 * Runs a filtered query builder as one page of a connection: the page itself, `size + 1`
 * rows to learn whether more lie beyond it, and a COUNT for `totalCount` only if the client
 * selects it. The last sort key must be unique (the primary key) so the order is total.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  sort: SortKey<T>[],
  args: ConnectionArgs,
): Promise<Connection<T>> {
  const page = pageOf(args, sort.length);
  const count = query.clone();
  const rowsQuery = query.clone();
  if (page.after) rowsQuery.andWhere(keysetCondition(sort, page.after, 'after'));
  if (page.before) rowsQuery.andWhere(keysetCondition(sort, page.before, 'before'));
  const order = page.from === 'start' ? sort : reversedSort(sort);
  order.forEach((key, i) =>
    i === 0
      ? rowsQuery.orderBy(key.expression, key.direction)
      : rowsQuery.addOrderBy(key.expression, key.direction),
  );
  const rows = await rowsQuery.limit(page.size + 1).getMany();
  const nodes = rows.slice(0, page.size);
  if (page.from === 'end') nodes.reverse();
  const edges = nodes.map((node) => ({
    cursor: encodeCursor(sort.map((key) => node[key.property] as CursorValue)),
    node,
  }));
  return connectionOf(edges, page, rows.length > page.size, () => count.getCount());
}

/**
 * `(a > :a) OR (a = :a AND b > :b) ...`: rows strictly after the cursor in sort order (or
 * strictly before it, for `side` 'before'). Parameters are named after the side, so both
 * conditions can narrow one query.
 */
export function keysetCondition(
  sort: Pick<SortKey<unknown>, 'expression' | 'direction'>[],
  values: CursorValue[],
  side: 'after' | 'before',
): Brackets {
  return new Brackets((outer) => {
    sort.forEach((key, i) => {
      outer.orWhere(
        new Brackets((inner) => {
          for (let j = 0; j < i; j++) {
            inner.andWhere(`${sort[j].expression} = :${side}${j}`, { [`${side}${j}`]: values[j] });
          }
          const ascending = key.direction === 'ASC';
          const op = ascending === (side === 'after') ? '>' : '<';
          inner.andWhere(`${key.expression} ${op} :${side}${i}`, { [`${side}${i}`]: values[i] });
        }),
      );
    });
  });
}
