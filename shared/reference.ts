/**
 * Order references: the only link between a bank transfer and its fee order, so they
 * travel through bank memos that get upper-cased, spaced, prefixed and truncated.
 *
 * - 31 symbols: digits 2–9 and letters without I, L, O (no 0/O, 1/I/L look-alikes).
 *   31 is prime, which is what makes the check character below exact.
 * - 8 characters: 7 random + 1 check. Aggregators cap memos at 9 characters for
 *   accounts they do not manage, so 8 fits with room to spare; 31^7 ≈ 2.75·10^10
 *   references.
 * - Check character: weights 1..8 with Σ i·v(i) ≡ 0 (mod 31). A single substitution at
 *   position i changes the sum by i·(a−b), never 0 mod 31 since i < 31 and a ≠ b; a swap
 *   of neighbours i, i+1 changes it by (b−a), never 0. So both are always caught.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REFERENCE_LENGTH = 8;
const MOD = REFERENCE_ALPHABET.length; // 31, prime

function valueOf(ch: string): number {
  return REFERENCE_ALPHABET.indexOf(ch);
}

function weightedSum(values: readonly number[]): number {
  return values.reduce((sum, v, i) => (sum + (i + 1) * v) % MOD, 0);
}

/** Modular inverse by Fermat (MOD is prime). */
function inverse(a: number): number {
  let result = 1;
  let base = a % MOD;
  let exp = MOD - 2;
  while (exp > 0) {
    if (exp & 1) result = (result * base) % MOD;
    base = (base * base) % MOD;
    exp >>= 1;
  }
  return result;
}

/** The check character completing a body of REFERENCE_LENGTH − 1 valid symbols. */
export function checkCharacter(body: string): string {
  if (body.length !== REFERENCE_LENGTH - 1) throw new RangeError('reference body has the wrong length');
  const values = [...body].map(valueOf);
  if (values.some((v) => v < 0)) throw new RangeError('reference body has a symbol outside the alphabet');
  const checkPosition = REFERENCE_LENGTH;
  const needed = (MOD - weightedSum(values)) % MOD;
  return REFERENCE_ALPHABET[(needed * inverse(checkPosition)) % MOD]!;
}

/** True when `candidate` is a well-formed reference whose check character holds. */
export function isValidReference(candidate: string): boolean {
  if (candidate.length !== REFERENCE_LENGTH) return false;
  const values = [...candidate].map(valueOf);
  if (values.some((v) => v < 0)) return false;
  return weightedSum(values) === 0;
}

/**
 * A new reference from a source of random bytes (handed in: the domain has no
 * randomness of its own). Rejection sampling keeps every symbol equally likely.
 */
export function newReference(randomBytes: (n: number) => Uint8Array): string {
  const limit = 256 - (256 % MOD); // 248: largest multiple of 31 below 256
  let body = '';
  while (body.length < REFERENCE_LENGTH - 1) {
    for (const byte of randomBytes(16)) {
      if (byte < limit && body.length < REFERENCE_LENGTH - 1) body += REFERENCE_ALPHABET[byte % MOD];
    }
  }
  return body + checkCharacter(body);
}
