/**
 * The one bound on an amount of money, as a plain number: NAPAS 247 instant transfers must
 * be under 500,000,000 VND. Apart from money.ts (its zod schema) so that the browser's fee
 * arithmetic (fees.ts) carries no zod.
 */
export const MAX_TRANSFER_VND = 499_999_999;
