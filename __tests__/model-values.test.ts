/**
 * Single Terraform values as the Google models read them (lib/terraform/google/values): set,
 * unset, numeric strings, nonsense, and unknowns, which pass through unchanged and never become
 * a default.
 */
import { Duration } from '../lib/core/duration';
import { AFTER_APPLY, API_DECIDED } from '../lib/core/unknown';
import { num, seconds, str } from '../lib/terraform/google/values';

describe('str', () => {
  test('a string, or undefined for anything else', () => {
    expect(str('HTTP')).toBe('HTTP');
    expect(str('')).toBe('');
    expect(str(80)).toBeUndefined();
    expect(str(undefined)).toBeUndefined();
  });
});

describe('num', () => {
  test('unset (absent, null, empty) reads as undefined, never as 0', () => {
    expect(num(undefined)).toBeUndefined();
    expect(num(null)).toBeUndefined();
    expect(num('')).toBeUndefined();
  });

  test('numbers and numeric strings read as numbers', () => {
    expect(num(0)).toBe(0);
    expect(num(30)).toBe(30);
    expect(num('30')).toBe(30);
    expect(num('0')).toBe(0);
    expect(num('1.5')).toBe(1.5);
  });

  test('unknowns pass through unchanged', () => {
    for (const v of [AFTER_APPLY, API_DECIDED, '${var.port}', '${google_x.y.port}-1'])
      expect(num(v)).toBe(v);
  });

  test('a value that is not a number is passed on for the range rules to report', () => {
    expect(num('abc')).toBe('abc');
    expect(num('30s')).toBe('30s');
  });
});

describe('seconds', () => {
  test('whole seconds as a Duration; unset stays unset', () => {
    expect(seconds('45')?.toSeconds()).toBe(45);
    expect(seconds(0)?.toSeconds()).toBe(0);
    expect(seconds(undefined)).toBeUndefined();
    expect(seconds('')).toBeUndefined();
    expect(seconds('45')).toBeInstanceOf(Duration);
  });
});
