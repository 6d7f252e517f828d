import { ConfigError } from '../config';

/**
 * What a command prints when it fails: one line. A bad setting is named as the service
 * names it at start ("Configuration error: DATABASE_URL must be ..."), never with a stack
 * trace; anything else by the first line of its message.
 */
export function failureLine(error: unknown): string {
  if (error instanceof ConfigError) return `Configuration error: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
