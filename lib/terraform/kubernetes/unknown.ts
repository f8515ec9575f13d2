/**
 * Values that are not known yet: a cdktf token, a Terraform `${...}` reference or template, or a
 * value the plan says is known only after apply. Pure (no cdktf import): token encodings are
 * recognized by their markers, as cdktf writes them (cdktf 0.21 `lib/tokens/private/encoding.js`:
 * `${TfToken[`, `#{TfToken[`, `&{TfToken[`, and numbers whose top 16 bits are 0xFDFF or 0xFBFF).
 */

/**
 * Stands for a value that a plan marks as known only after apply (`after_unknown`). Written as a
 * Terraform interpolation, so any check that skips `${...}` strings skips it too.
 */
export const KNOWN_AFTER_APPLY = '${(known after apply)}';

const TOKEN_MARKERS = ['#{TfToken[', '&{TfToken['];

/**
 * A `${` or `%{` that is not escaped. Terraform's template scanner reads `$${` (`%%{`) as a literal
 * `${` (`%{`) and any other `$` as literal text, so only a single `$` (`%`) before `{` opens an
 * interpolation (directive): `$${x}` and `$$${x}` are text.
 */
function hasInterpolation(s: string): boolean {
  for (let i = s.indexOf('{'); i > 0; i = s.indexOf('{', i + 1)) {
    const c = s[i - 1];
    if (c !== '$' && c !== '%') continue;
    let run = 1;
    while (i - 1 - run >= 0 && s[i - 1 - run] === c) run++;
    if (run === 1) return true;
  }
  return false;
}

/** cdktf's encoding of a number token: a NaN-space double with 0xFDFF (or 0xFBFF for lists) on top. */
function isTokenNumber(n: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  const top = view.getUint16(0);
  return top === 0xfdff || top === 0xfbff;
}

/**
 * True when the value itself is not known: a token or reference string (also inside text, e.g.
 * `"${var.name}-web"`), a token number, a token list (`['#{TfToken[..]}']`), a token map, or
 * `KNOWN_AFTER_APPLY`. Shallow: a list or object that merely contains an unknown is not itself
 * unknown (use `containsUnknown`).
 */
export function isUnknown(value: unknown): boolean {
  if (typeof value === 'string')
    return hasInterpolation(value) || TOKEN_MARKERS.some((m) => value.includes(m));
  if (typeof value === 'number') return isTokenNumber(value);
  if (Array.isArray(value))
    return value.length === 1 && (typeof value[0] === 'string' || typeof value[0] === 'number')
      ? (typeof value[0] === 'string' && value[0].includes('#{TfToken[')) ||
          (typeof value[0] === 'number' && isTokenNumber(value[0]))
      : false;
  if (value !== null && typeof value === 'object')
    return Object.keys(value).some((k) => k.includes('&{TfToken['));
  return false;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === 'object')
    return Object.values(value).some(containsUnknown);
  return false;
}
