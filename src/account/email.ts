/**
 * The one form of an e-mail address that is stored, compared and rate-limited:
 * compatibility-composed (NFKC, so look-alike forms such as full-width letters become
 * the plain ones), trimmed and lower-cased. Columns holding it compare bytes, so two
 * spellings are the same account only when this function makes them equal.
 */
export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFKC').toLowerCase().normalize('NFKC');
}
