import type { FormEvent } from 'react';

/**
 * A filter form's non-empty values as a query string, so a filtered page is a link to share:
 * the form's submit handler, given where to put them.
 */
export function submitToParams(setParams: (params: URLSearchParams) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(event.currentTarget)) {
      if (typeof value === 'string' && value.trim()) next.append(key, value.trim());
    }
    setParams(next);
  };
}
