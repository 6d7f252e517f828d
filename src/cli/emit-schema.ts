import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAppSchema, renderSchema } from '../schema';

// Writes schema/schema.graphql from the code; run after changing any GraphQL type.
const target = join(process.cwd(), 'schema', 'schema.graphql');
buildAppSchema()
  .then((schema) => {
    writeFileSync(target, renderSchema(schema));
    console.log(`Wrote ${target}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
