/** REQUIRED → Required, LIVE_ONLINE → Live online. */
export function label(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function money(amount: number | null | undefined, currency = 'USD'): string {
  if (amount === null || amount === undefined) return 'not published';
  return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
    amount,
  );
}

export function salary(min: number | null, max: number | null, currency: string): string {
  if (min === null && max === null) return 'Salary not given';
  if (min !== null && max !== null) return `${money(min, currency)} – ${money(max, currency)}`;
  return min !== null ? `from ${money(min, currency)}` : `up to ${money(max, currency)}`;
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
