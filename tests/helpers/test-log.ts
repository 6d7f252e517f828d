import { format } from 'node:util';
import pino, { Logger } from 'pino';

// Servers under test log into memory, not onto the terminal: `npm test` prints results
// only. The lines of a test file are kept until a test ends; when it failed, the test
// environment (log-environment.ts) prints them under its name. With LOG_LEVEL set they
// are also written to stderr as they come, at that level.

declare global {
  // Read by the test environment, which runs outside the test file's module registry.
  var __capturedLog: string[] | undefined;
}

function capture(line: string): void {
  (globalThis.__capturedLog ??= []).push(line);
}

/** A pino logger for one server under test, labelled with `name` in the captured log. */
export function testLogger(name = 'server'): Logger {
  const live = process.env.LOG_LEVEL;
  return pino(
    { level: live || 'info', base: { server: name } },
    {
      write(line: string) {
        capture(line.trimEnd());
        if (live) process.stderr.write(line);
      },
    },
  );
}

/**
 * For a test that provokes warnings on purpose (a database taken away): console.warn and
 * console.error go to the captured log until `restore` is called, and are printed only if
 * a test fails.
 */
export function captureConsole(): { restore(): void } {
  const spies = (['warn', 'error'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      capture(`console.${method}: ${format(...args)}`);
    }),
  );
  return { restore: () => spies.forEach((spy) => spy.mockRestore()) };
}
