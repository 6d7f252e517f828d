import type { CodegenConfig } from '@graphql-codegen/cli';

const OUTPUT: CodegenConfig['generates'][string] = {
  plugins: ['typescript-operations', 'typed-document-node'],
  config: {
    enumsAsTypes: true,
    avoidOptionals: { field: true, inputValue: false },
    scalars: { DateTime: 'string' },
    useTypeImports: true,
  },
};

// Types for every operation in src/graphql/*.graphql, from the API's committed schema: no server needed.
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: 'src/graphql/*.graphql',
  silent: true,
  // CODEGEN_OUT: elsewhere, for the test that checks the committed file is current.
  generates: { [process.env.CODEGEN_OUT ?? 'src/graphql/generated.ts']: OUTPUT },
};
export default config;
