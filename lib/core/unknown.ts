/**
 * Unknown values. A field read from Terraform, or given to a construct, may hold no value yet:
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

// cdktf encodes a number token as a double whose top 16 bits are this marker
// (cdktf lib/tokens/private/encoding.ts, DOUBLE_TOKEN_MARKER_BITS / _LIST_).
const DOUBLE_TOKEN_MARKER = 0xfdff;
const DOUBLE_LIST_TOKEN_MARKER = 0xfbff;

function isTokenDouble(value: number): boolean {
  const words = new Uint16Array(new Float64Array([value]).buffer);
  return words[3] === DOUBLE_TOKEN_MARKER || words[3] === DOUBLE_LIST_TOKEN_MARKER;
}

/** True when `value` is not known here: a token, a `${...}` expression, or known after apply. */
export function isUnknown(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${') || value.includes('#{TfToken[');
  if (typeof value === 'number') return isTokenDouble(value);
  if (Array.isArray(value)) return value.length === 1 && isUnknown(value[0]);
  if (typeof value === 'object' && value !== null) {
    if (typeof (value as { resolve?: unknown }).resolve === 'function') return true;
    return Object.keys(value).some((k) => k.includes('${TfToken['));
  }
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
