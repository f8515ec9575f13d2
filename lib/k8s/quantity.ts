/**
 * Kubernetes resource quantities (`resource.Quantity`): a non-negative decimal number
 * followed by a binary SI suffix (Ki..Ei), a decimal SI suffix (n, u, m, k, M, G, T, P, E)
 * or a decimal exponent (`e3`, `E-2`). https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/
 */
const QUANTITY = /^\+?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][-+]?\d+)?$/;

const FACTORS: { [suffix: string]: number } = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** The value of a quantity in base units (cores, bytes), or undefined when it is not one. */
export function parseQuantity(quantity: string): number | undefined {
  if (typeof quantity !== 'string') return undefined;
  const m = QUANTITY.exec(quantity);
  if (!m) return undefined;
  const amount = Number(m[1]);
  const suffix = m[3] ?? '';
  // Stryker disable next-line Regex: the suffix is QUANTITY's third group, anchored and whole there; only `\d+` carries meaning here
  if (/^[eE][-+]?\d+$/.test(suffix)) return amount * 10 ** Number(suffix.slice(1));
  return amount * FACTORS[suffix];
}
