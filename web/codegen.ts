import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for every operation in src/graphql/*.graphql, from the API's committed schema: no server needed.
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: 'src/graphql/*.graphql',
  silent: true,
  generates: {
    'src/graphql/generated.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false },
        scalars: { DateTimeISO: 'string' },
        useTypeImports: true,
      },
    },
  },
};
export default config;
