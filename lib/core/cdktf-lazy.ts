import type * as cdktf from 'cdktf';

/**
 * cdktf, loaded on first use. Rule and model modules build Terraform expressions only when a
 * value is a token, which happens only inside a cdktf app; loading cdktf there keeps lint and
 * the reviewer free of it.
 */
export function cdktfModule(): typeof cdktf {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('cdktf') as typeof cdktf;
}
