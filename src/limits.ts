import {
  ASTVisitor,
  FragmentDefinitionNode,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  Kind,
  NoFragmentCyclesRule,
  parse,
  SelectionSetNode,
  validate,
  ValidationContext,
} from 'graphql';
import type { Request, RequestHandler, Response } from 'express';
import { documentHash, ValidatedDocuments } from './document-store';

// Limits enforced before execution, so an expensive or abusive document is refused
// before it touches the database (OWASP GraphQL cheat sheet). Every measure here visits
// each fragment once and reuses its figure wherever it is spread, so a document whose
// fragments spread each other twice over (2^n fields in a few hundred bytes) costs its
// size to measure, not its expansion.

export const LIMITS = {
  /** levels of nested fields: `{ skill { slug } }` is 2 deep */
  depth: 10,
  /** aliased fields in one document */
  aliases: 30,
  /** fields in one operation once every fragment spread is expanded */
  fields: 10000,
  /** fields answering at one response path, fragments expanded: `{ a: skill { slug } a: skill { slug } }` has 2 at `a` and `a.slug` */
  sameResponse: 10,
  /** cost budget of one operation (see `estimateCost`) */
  cost: 50000,
  /** tokens the parser reads before giving up */
  tokens: 5000,
  /** what a list without `first` or a declared `@ListSize` counts as */
  unboundedList: 10,
} as const;

/** A request refused for its size; a 400, never executed. */
export class LimitError extends GraphQLError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code: 'QUERY_TOO_COMPLEX', http: { status: 400 }, ...extra } });
  }
}

/** Depth, expanded-field and alias limits, as validation rules; introspection fields add no depth. */
export function limitRules() {
  return [shapeLimit, aliasLimit];
}

interface Shape {
  depth: number;
  fields: number;
  /** at most this many fields answer at one response path below here */
  sharing: number;
  /** per response name at this level: how many fields answer there, and the most sharing below one of them */
  names: Map<string, { count: number; below: number }>;
}

/**
 * Depth, expanded field count and fields sharing a response path of each operation, from
 * one walk in which each fragment is measured once. It runs beside graphql's own rules, on
 * documents they may yet refuse: an unknown fragment measures nothing, and a fragment met
 * again while it is being measured (a cycle, which NoFragmentCyclesRule reports) adds nothing.
 *
 * Sharing bounds graphql's OverlappingFieldsCanBeMergedRule, which compares every pair of
 * fields answering at one path (and their sub-selections pairwise): n copies of a field cost
 * n² comparisons. `count × below` over-estimates the fields at a deeper path, never under.
 */
function shapeLimit(context: ValidationContext): ASTVisitor {
  const none: Shape = { depth: 0, fields: 0, sharing: 0, names: new Map() };
  const fragments = memoisedFragments<Shape>(context, (fragment) => measure(fragment.selectionSet), none);
  const measure = (selectionSet: SelectionSetNode | undefined): Shape => {
    const shape: Shape = { depth: 0, fields: 0, sharing: 0, names: new Map() };
    const spread = new Set<string>();
    const answer = (name: string, count: number, below: number) => {
      const seen = shape.names.get(name);
      shape.names.set(name, { count: (seen?.count ?? 0) + count, below: Math.max(seen?.below ?? 0, below) });
    };
    for (const selection of selectionSet?.selections ?? []) {
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        const below = measure(selection.selectionSet);
        const introspection = selection.name.value.startsWith('__');
        inner = {
          depth: introspection ? 0 : 1 + below.depth,
          fields: 1 + below.fields,
          sharing: 0,
          names: none.names,
        };
        answer((selection.alias ?? selection.name).value, 1, below.sharing);
      } else {
        inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? measure(selection.selectionSet)
            : fragments(selection.name.value);
        // graphql compares the fields of a fragment spread twice in one selection once
        const again = selection.kind === Kind.FRAGMENT_SPREAD && spread.has(selection.name.value);
        if (selection.kind === Kind.FRAGMENT_SPREAD) spread.add(selection.name.value);
        if (!again) for (const [name, { count, below }] of inner.names) answer(name, count, below);
      }
      shape.depth = Math.max(shape.depth, inner.depth);
      shape.fields += inner.fields;
    }
    for (const { count, below } of shape.names.values()) {
      shape.sharing = Math.max(shape.sharing, count * Math.max(1, below));
    }
    return shape;
  };
  return {
    OperationDefinition(node) {
      const { depth, fields, sharing } = measure(node.selectionSet);
      if (depth > LIMITS.depth) {
        context.reportError(
          new LimitError(`Query depth ${depth} exceeds the maximum depth of ${LIMITS.depth}`, {
            depth,
            limit: LIMITS.depth,
          }),
        );
      }
      if (fields > LIMITS.fields) {
        context.reportError(
          new LimitError(
            `The operation selects ${fields} fields once its fragments are expanded, above the limit of ${LIMITS.fields}`,
            { fields, limit: LIMITS.fields },
          ),
        );
      } else if (sharing > LIMITS.sameResponse) {
        context.reportError(
          new LimitError(
            `Up to ${sharing} fields answer at one response path, above the limit of ${LIMITS.sameResponse}: select each field once`,
            { sharing, limit: LIMITS.sameResponse },
          ),
        );
      }
      return false;
    },
  };
}

/** A request the limits refused before validation, and answered. */
export interface Refusal {
  req: Request;
  res: Response;
  /** the operation's name, as Apollo would have read it */
  operationName: string | null;
  /** `extensions.code` of each error answered */
  codes: string[];
  seconds: number;
}

/**
 * Express middleware that applies these limits before Apollo, which runs graphql's own rules
 * first: OverlappingFieldsCanBeMergedRule takes time quadratic in the fields sharing a response
 * path (500 copies of one field held the process for a second before the sharing limit could
 * refuse them). The limits are linear, so measuring first costs a new document one more parse.
 * A document Apollo has validated and keeps (`documents`) passed them already, and is not
 * measured again. Documents that do not parse go on to Apollo, which answers their syntax
 * error. A refusal is answered here and handed to `refused`, to be logged and counted.
 */
export function limitsBeforeValidation(
  schema: GraphQLSchema,
  documents: ValidatedDocuments,
  refused: (refusal: Refusal) => void = () => {},
): RequestHandler {
  // Cycles are reported too (linearly), as graphql would report them before any limit.
  const rules = [NoFragmentCyclesRule, ...limitRules()];
  return (req, res, next) => {
    const started = performance.now();
    const query: unknown = req.method === 'GET' ? req.query.query : req.body?.query;
    if (typeof query !== 'string' || documents.has(documentHash(query))) return next();
    let document;
    try {
      document = parse(query, { maxTokens: LIMITS.tokens });
    } catch {
      return next();
    }
    const errors = validate(schema, document, rules);
    if (!errors.some((error) => error instanceof LimitError)) return next();
    const answered = errors.map((error) => {
      const { http: _http, ...extensions } = error.extensions;
      return { ...error.toJSON(), extensions: { ...extensions, code: 'GRAPHQL_VALIDATION_FAILED' } };
    });
    res.status(400).json({ errors: answered });
    const named: unknown = req.method === 'GET' ? req.query.operationName : req.body?.operationName;
    const operation = getOperationAST(document, typeof named === 'string' ? named : undefined);
    refused({
      req,
      res,
      operationName: operation?.name?.value ?? null,
      codes: answered.map((error) => error.extensions.code),
      seconds: (performance.now() - started) / 1000,
    });
  };
}

function aliasLimit(context: ValidationContext): ASTVisitor {
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias && ++aliases === LIMITS.aliases + 1) {
        context.reportError(new LimitError(`Too many aliases: at most ${LIMITS.aliases} per document`));
      }
    },
  };
}

/**
 * `measure` of each named fragment, computed on first use and remembered. A fragment
 * asked for while it is being measured (a cycle) or not defined gives `none`.
 */
export function memoisedFragments<T>(
  context: Pick<ValidationContext, 'getFragment'>,
  measure: (fragment: FragmentDefinitionNode) => T,
  none: T,
): (name: string) => T {
  const done = new Map<string, T>();
  const measuring = new Set<string>();
  return (name) => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const fragment = context.getFragment(name);
    if (!fragment || measuring.has(name)) return none;
    measuring.add(name);
    const value = measure(fragment);
    measuring.delete(name);
    done.set(name, value);
    return value;
  };
}
