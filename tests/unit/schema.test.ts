import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAppSchema, renderSchema } from '../../src/schema';

describe('schema/schema.graphql', () => {
  it('is the schema the code builds (run `npm run schema:emit` after changing types)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(renderSchema(await buildAppSchema())).toBe(committed);
  });
});
