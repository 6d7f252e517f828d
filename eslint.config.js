// @ts-check
const eslint = require('@eslint/js');
const tseslint = require('typescript-eslint');
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

// Every instance follows the writes made elsewhere by the rows' `updatedAt`, so a write must
// move it through src/common/updated-at.ts (see there why TypeORM's own stamp and a
// `new Date()` both let a second write within one second go unseen). The entities that have
// the column, read from their source so that a new one is covered at once.
const STAMPED = readdirSync(join(__dirname, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.entity.ts'))
  .flatMap((file) => {
    const source = readFileSync(join(__dirname, 'src', file), 'utf8');
    // The class each `@UpdateDateColumn()` sits in: the last one declared before it.
    return [...source.matchAll(/@UpdateDateColumn\(/g)].map(
      (column) => [...source.slice(0, column.index).matchAll(/\bclass (\w+)/g)].pop()?.[1],
    );
  });
const STAMPED_NAME = `/^(${STAMPED.join('|')})$/`;
const NEXT_UPDATED_AT = "CallExpression[callee.name='nextUpdatedAt']";
const STAMP_MESSAGE =
  'Move `updatedAt` through src/common/updated-at.ts (`updateRow`, or `updatedAt: nextUpdatedAt(tx)`): ' +
  "TypeORM's own stamp is whole seconds and the app's clock is not the database's, so other instances miss a second write.";
/** save() and update() on a stamped entity's repository or by its class, unless they set `updatedAt: nextUpdatedAt(...)`. */
const UNSTAMPED_WRITE = (target) =>
  `CallExpression[callee.property.name=/^(save|update)$/]${target}:not(:has(Property[key.name='updatedAt'] > ${NEXT_UPDATED_AT}.value))`;

module.exports = tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'migrations/', 'web/dist/', 'web/node_modules/', 'web/src/graphql/generated.ts'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The service and its seeds; tests and benchmarks set `updatedAt` on purpose, to write
    // as another program would.
    files: ['src/**/*.ts', 'seeds/**/*.ts'],
    ignores: ['src/common/updated-at.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          `ObjectExpression > Property[key.name='updatedAt']:not([value.type='CallExpression'][value.callee.name='nextUpdatedAt'])`,
          "AssignmentExpression > MemberExpression.left[property.name='updatedAt']",
          UNSTAMPED_WRITE(
            `[callee.object.callee.property.name='getRepository'][callee.object.arguments.0.name=${STAMPED_NAME}]`,
          ),
          UNSTAMPED_WRITE(`[arguments.0.name=${STAMPED_NAME}]`),
          'Literal[value=/updatedAt`? *=[^=]/]',
          'TemplateElement[value.raw=/updatedAt`? *=[^=]/]',
        ].map((selector) => ({ selector, message: STAMP_MESSAGE })),
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'web/e2e/**/*.ts', 'web/src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
