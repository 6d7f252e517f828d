import { Max, Min } from 'class-validator';
import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';
import { Brackets, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BadUserInputError } from '../errors';

// Relay cursor connections. A cursor is the opaque (base64url) encoding of the
// row's sort key, so paging is keyset-based: stable under inserts, and a page
// costs the same at the end of a list as at its start.

@ObjectType({ description: 'Where a page stands in the whole list.', simpleResolvers: true })
export class PageInfo {
  @Field({ description: 'True when more items follow this page.' })
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' })
  @Min(1)
  @Max(100)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item already seen.' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** a promise where counting waits until a client asks for it */
  totalCount: number | Promise<number>;
}

/** Builds the `XConnection` and `XEdge` object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name = nodeType.name) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType({ simpleResolvers: true })
  abstract class ConnectionClass implements Connection<T> {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
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
export function decodeCursor(cursor: string, length: number): CursorValue[] {
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
  if (!valid) throw new BadUserInputError('Invalid cursor', { argumentName: 'after' });
  return values as CursorValue[];
}

export interface SortKey<T> {
  /** the SQL expression sorted on, e.g. `skill.name` */
  expression: string;
  /** the entity property holding the same value, read to build cursors */
  property: keyof T & string;
  direction: 'ASC' | 'DESC';
}

/**
 * Runs a filtered query builder as one page of a connection: the page itself, `first + 1`
 * rows to learn whether more follow, and a COUNT for `totalCount` only if the client
 * selects it. The last sort key must be unique (the primary key) so the order is total.
 */
export async function paginate<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  sort: SortKey<T>[],
  { first, after }: ConnectionArgs,
): Promise<Connection<T>> {
  const count = query.clone();
  let counted: Promise<number> | undefined;
  const page = query.clone();
  if (after) {
    const values = decodeCursor(after, sort.length);
    page.andWhere(keysetCondition(sort, values));
  }
  sort.forEach((key, i) =>
    i === 0 ? page.orderBy(key.expression, key.direction) : page.addOrderBy(key.expression, key.direction),
  );
  const rows = await page.limit(first + 1).getMany();
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({
    cursor: encodeCursor(sort.map((key) => node[key.property] as CursorValue)),
    node,
  }));
  return {
    edges,
    get totalCount() {
      return (counted ??= count.getCount());
    },
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** `(a > :a) OR (a = :a AND b > :b) ...`: rows strictly after the cursor in sort order. */
export function keysetCondition(
  sort: Pick<SortKey<unknown>, 'expression' | 'direction'>[],
  values: CursorValue[],
): Brackets {
  return new Brackets((outer) => {
    sort.forEach((key, i) => {
      outer.orWhere(
        new Brackets((inner) => {
          for (let j = 0; j < i; j++) {
            inner.andWhere(`${sort[j].expression} = :cursor${j}`, { [`cursor${j}`]: values[j] });
          }
          const op = key.direction === 'ASC' ? '>' : '<';
          inner.andWhere(`${key.expression} ${op} :cursor${i}`, { [`cursor${i}`]: values[i] });
        }),
      );
    });
  });
}
