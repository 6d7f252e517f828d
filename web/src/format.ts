/** REQUIRED → Required, LIVE_ONLINE → Live online. */
export function label(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A money value as the API answers it: an amount and its ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

export function money(value: Money | null | undefined): string {
  if (value === null || value === undefined) return 'not published';
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency: value.currency,
    maximumFractionDigits: 0,
  }).format(value.amount);
}

export function salary(min: Money | null | undefined, max: Money | null | undefined): string {
  if (!min && !max) return 'Salary not given';
  if (min && max) return `${money(min)} – ${money(max)}`;
  return min ? `from ${money(min)}` : `up to ${money(max)}`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A number from a form field, or undefined when it is empty or not a number. */
export function numberOrUndefined(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
