import { Field, Float, ObjectType } from 'type-graphql';

/**
 * One shape for every money value the API answers, so a figure never travels without its
 * currency and clients format salaries and prices the same way.
 */
@ObjectType({
  description: 'An amount of money in one currency.',
  simpleResolvers: true,
})
export class Money {
  @Field(() => Float, { description: 'The amount, in units of the currency (not cents); 0 or more.' })
  amount: number;

  @Field({ description: 'The ISO 4217 code of the currency, three capital letters such as `USD` or `EUR`.' })
  currency: string;
}

/** Course prices and learning-path totals are kept in US dollars. */
export const COURSE_CURRENCY = 'USD';

/** The Money for an amount, or null when there is none. */
export function money(amount: number | null | undefined, currency: string): Money | null {
  return amount == null ? null : { amount, currency };
}
