/**
 * Personal data shown where it is not needed: masked, enough for the person to recognise
 * their own, useless to anyone else. One place, so every view masks the same way.
 */

/** The payer as shown where their details are not needed. */
export function maskPayer(payer: { name?: string; phone?: string }): { name?: string; phone?: string } {
  return { ...(payer.name ? { name: maskName(payer.name) } : {}), ...(payer.phone ? { phone: maskPhone(payer.phone) } : {}) };
}

/** "0912345678" → "091****678": enough for the person to recognise, useless to anyone else. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 6)}${phone.slice(-3)}`;
}

/** "Nguyễn Văn An" → "N*** V** An": the given name (last word) stays, the rest is initials. */
export function maskName(name: string): string {
  const words = name.split(' ').filter(Boolean);
  return words.map((w, i) => (i === words.length - 1 ? w : `${w[0]}${'*'.repeat(Math.max(1, w.length - 1))}`)).join(' ');
}
