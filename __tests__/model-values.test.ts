/**
 * Single Terraform values as the Google models read them (lib/terraform/google/values): set,
 * unset, numeric strings, nonsense, and unknowns, which pass through unchanged and never become
 * a default.
 */
import { Duration } from '../lib/core/duration';
import { AFTER_APPLY, API_DECIDED } from '../lib/core/unknown';
import { at, camel, num, put, seconds, str } from '../lib/terraform/google/values';

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

describe('attribute paths: camel, at, put', () => {
  test('camel spells an attribute as the L1 config does', () => {
    expect(camel('affinity_cookie_ttl_sec')).toBe('affinityCookieTtlSec');
    expect(camel('http2_health_check')).toBe('http2HealthCheck');
    expect(camel('name')).toBe('name');
  });

  test('at follows a dotted path through objects and one-element block lists', () => {
    const v = { consistent_hash: [{ http_cookie: { ttl: [{ seconds: 60 }] } }] };
    expect(at(v, 'consistent_hash.http_cookie.ttl.seconds')).toBe(60);
    expect(at(v, 'consistent_hash.http_header_name')).toBeUndefined();
    expect(at(v, 'strong_session_affinity_cookie.ttl.seconds')).toBeUndefined();
    expect(at(undefined, 'a.b')).toBeUndefined();
  });

  test('put writes camelCased nested keys, keeping what is there', () => {
    const config: Record<string, any> = { consistentHash: { minimumRingSize: 1024 } };
    put(config, 'consistent_hash.http_cookie', { name: 'SESSION' });
    put(config, 'affinity_cookie_ttl_sec', 30);
    expect(config).toEqual({
      consistentHash: { minimumRingSize: 1024, httpCookie: { name: 'SESSION' } },
      affinityCookieTtlSec: 30,
    });
  });
});
