import { GraphQLScalarType } from 'graphql';
import { GraphQLISODateTime } from 'type-graphql';

// type-graphql 2 names its date scalar DateTimeISO; the API calls it DateTime, the name
// clients and other GraphQL APIs use for the same ISO 8601 text. Only the name changes.
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLISODateTime.toConfig(),
  name: 'DateTime',
  description:
    'A point in time, as ISO 8601 text at UTC with milliseconds, e.g. `2026-03-01T09:30:00.000Z`; read as any RFC 3339 date-time.',
});
