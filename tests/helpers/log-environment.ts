import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';

/**
 * The node environment, plus: when a test or a hook fails, the log its servers wrote
 * since the previous test ended (see test-log.ts) is printed after it.
 */
export default class CapturedLogEnvironment extends TestEnvironment {
  handleTestEvent(event: Circus.Event): void {
    if (event.name !== 'test_done' && event.name !== 'hook_failure') return;
    const lines: string[] = (this.global.__capturedLog as string[] | undefined) ?? [];
    const failed = event.name === 'hook_failure' || event.test.errors.length > 0;
    if (failed && lines.length > 0) {
      const title = event.name === 'test_done' ? titleOf(event.test) : `${event.hook.type} hook`;
      process.stderr.write(`\n--- log of the servers under test, up to the failure of "${title}" ---\n`);
      process.stderr.write(`${lines.join('\n')}\n---\n`);
    }
    lines.length = 0;
  }
}

function titleOf(test: Circus.TestEntry): string {
  const names = [test.name];
  for (let block = test.parent; block && block.parent; block = block.parent) names.unshift(block.name);
  return names.join(' › ');
}
