/**
 * Unknown values. A field read from Terraform, or given to a construct, may hold no value yet.
 * Recognized by cdktf's own markers (cdktf 0.21 `lib/tokens/private/encoding.js`: `${TfToken[`,
 * `#{TfToken[`, `&{TfToken[`, numbers whose top 16 bits are 0xFDFF or 0xFBFF):
 * - a cdktf token (`variable.stringValue`, a resource attribute): a string with `${TfToken[`,
 *   a number with cdktf's token bit pattern, a list token or an `IResolvable`;
 * - a Terraform expression, as HCL, hcl2json and cdk.tf.json write it: any string with `${`
 *   (`"${google_compute_backend_service.web.name}-eu"` is unknown as a whole);
 * - a value a plan knows only after apply (`after_unknown`), marked with `AFTER_APPLY`.
 *
 * Rules skip unknown values: they never guess one and never report it as unset. Pure (no
 * cdktf), so lint and the reviewer can use it without loading cdktf.
 */

/** The marker the readers put where a plan says a value is known only after apply. */
export const AFTER_APPLY = '${(known after apply)}';

/**
 * The marker the models put in a field that Terraform leaves unset and the provider does not
 * fill in (Optional + Computed): the API decides it at apply, so no rule may assume a value.
 */
export const API_DECIDED = '${(decided by the API)}';

const TOKEN_MARKERS = ['#{TfToken[', '&{TfToken['];

/**
 * A `${` or `%{` that is not escaped. Terraform's template scanner reads `$${` (`%%{`) as a literal
 * `${` (`%{`) and any other `$` as literal text, so only a single `$` (`%`) before `{` opens an
 * interpolation (directive): `$${x}` and `$$${x}` are text.
 */
function hasInterpolation(s: string): boolean {
  for (let i = s.indexOf('{'); i >= 0; i = s.indexOf('{', i + 1)) {
    const c = s[i - 1];
    if (c !== '$' && c !== '%') continue;
    // Any run of two or more is text: the scanner takes the leftmost `$${` as the escape.
    if (s[i - 2] !== c) return true;
  }
  return false;
}

/** cdktf's encoding of a number token: a NaN-space double with 0xFDFF (or 0xFBFF for lists) on top. */
const VIEW = new DataView(new ArrayBuffer(8));

function isTokenNumber(n: number): boolean {
  // Both markers make a negative double below -2^960 (about -9.7e288): every ordinary number
  // is above that, and is decided without looking at its bits.
  if (n > -1e288) return false;
  const view = VIEW;
  view.setFloat64(0, n);
  const top = view.getUint16(0);
  return top === 0xfdff || top === 0xfbff;
}

/**
 * True when the value itself is not known: a token or reference string (also inside text, e.g.
 * `"${var.name}-web"`), a token number, a token list (`['#{TfToken[..]}']`), a token map, or
 * `AFTER_APPLY` or `API_DECIDED`. Shallow: a list or object that merely contains an unknown is not itself
 * unknown (use `containsUnknown`).
 */
export function isUnknown(value: unknown): boolean {
  if (typeof value === 'string')
    // Both markers by name, not `TOKEN_MARKERS.some(...)`: no closure for every string read.
    return (
      hasInterpolation(value) ||
      value.includes(TOKEN_MARKERS[0]) ||
      value.includes(TOKEN_MARKERS[1])
    );
  if (typeof value === 'number') return isTokenNumber(value);
  if (Array.isArray(value))
    return value.length === 1 && (typeof value[0] === 'string' || typeof value[0] === 'number')
      ? (typeof value[0] === 'string' && value[0].includes('#{TfToken[')) ||
          (typeof value[0] === 'number' && isTokenNumber(value[0]))
      : false;
  if (value !== null && typeof value === 'object') {
    // An IResolvable (a cdktf expression object) is known only to Terraform.
    if (typeof (value as { resolve?: unknown }).resolve === 'function') return true;
    // for-in over own keys, not Object.keys: no array for every object the readers look at.
    for (const k in value)
      if (Object.prototype.hasOwnProperty.call(value, k) && k.includes('&{TfToken[')) return true;
    return false;
  }
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

/** How an unknown value is shown to people: the expression, or "known after apply". */
export function describeUnknown(value: unknown): string {
  if (value === AFTER_APPLY) return '(known after apply)';
  if (value === API_DECIDED) return '(decided by the API at apply)';
  if (typeof value === 'string' && value.includes('${') && !value.includes('${TfToken['))
    return `${value} (known after apply)`;
  return '(token, known after apply)';
}
