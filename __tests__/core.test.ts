import { Lazy } from 'cdktf';
import { Duration, DrainingPolicy } from '../lib';
import { errorOf } from './helpers';

describe('Duration', () => {
  test('converts units to seconds', () => {
    expect(Duration.seconds(45).toSeconds()).toBe(45);
    expect(Duration.minutes(30).toSeconds()).toBe(1800);
    expect(Duration.hours(2).toSeconds()).toBe(7200);
    expect(Duration.days(14).toSeconds()).toBe(1_209_600);
    expect(Duration.minutes(0.5).isWholeSeconds()).toBe(true);
    expect(Duration.seconds(1.5).isWholeSeconds()).toBe(false);
    expect(Duration.minutes(45).toString()).toBe('45 minutes (2700s)');
  });

  test('refuses negative and non-finite amounts with the fix', () => {
    expect(errorOf(() => Duration.seconds(-5))).toMatch(
      /cannot be negative.*Duration\.seconds\(5\)/,
    );
    expect(errorOf(() => Duration.minutes(NaN))).toMatch(/finite number/);
    expect(errorOf(() => Duration.hours(Infinity))).toMatch(/finite number/);
  });
});

describe('Duration: messages, expressions and values read from Terraform', () => {
  test('a string amount is shown as written, cut at 40 characters, and the fix keeps a number', () => {
    expect(errorOf(() => Duration.seconds('30' as unknown as number))).toMatch(
      /^Duration\.seconds "30" is not a finite number .*fix: pass a plain number such as Duration\.seconds\(30\) \[rule D1\]$/,
    );
    const forty = 'x'.repeat(40);
    expect(errorOf(() => Duration.seconds(forty as unknown as number))).toContain(`"${forty}" is`);
    expect(errorOf(() => Duration.seconds(`${forty}y` as unknown as number))).toContain(
      `"${forty}…" is`,
    );
    expect(errorOf(() => Duration.minutes({} as unknown as number))).toMatch(
      /^Duration\.minutes \(object\) is not a finite number.*Duration\.minutes\(30\)/,
    );
  });

  test.each([
    ['123', 123],
    [' 1.25 ', 1.25],
    ['x12', 30],
    ['12x', 30],
    ['1.', 30],
  ])('the fix for the string %j suggests %j', (amount, fix) => {
    expect(errorOf(() => Duration.hours(amount as unknown as number))).toContain(
      `such as Duration.hours(${fix})`,
    );
  });

  test('one of a unit reads in the singular', () => {
    expect(Duration.minutes(1).toString()).toBe('1 minute (60s)');
    expect(Duration.days(1).toString()).toBe('1 day (86400s)');
    expect(Duration.hours(2).toString()).toBe('2 hours (7200s)');
  });

  test('the expression repeats what was written; a token is given in seconds', () => {
    expect(Duration.minutes(30)._expression()).toBe('Duration.minutes(30)');
    expect(Duration.seconds(45)._expression()).toBe('Duration.seconds(45)');
    const token = Duration.minutes(Lazy.numberValue({ produce: () => 2 }));
    expect(token.isUnresolved()).toBe(true);
    expect(token._expression()).toMatch(/^Duration\.seconds\(-?[\d.e+]+\)$/);
  });

  test('a value read from Terraform is kept as written, even negative or not a number', () => {
    const read = Duration._read(-5);
    expect(read.toSeconds()).toBe(-5);
    expect(read._fromTerraform()).toBe(true);
    expect(read.toString()).toBe('-5s');
    expect(read._expression()).toBe('Duration.seconds(-5)');
    expect(Duration._read(Number.NaN).toSeconds()).toBeNaN();
    expect(Duration.seconds(5)._fromTerraform()).toBe(false);
  });
});

describe('DrainingPolicy', () => {
  test('carries the timeout and Kubernetes defaults', () => {
    const p = DrainingPolicy.of(Duration.seconds(60));
    expect(p.timeout.toSeconds()).toBe(60);
    expect(p.pollInterval.toSeconds()).toBe(5);
    expect(p.shutdownMargin.toSeconds()).toBe(15);
    expect(p.isDisabled).toBe(false);
    expect(DrainingPolicy.disabled().isDisabled).toBe(true);
    const custom = DrainingPolicy.withOptions({
      timeout: Duration.minutes(10),
      pollInterval: Duration.seconds(2),
      shutdownMargin: Duration.seconds(30),
    });
    expect([
      custom.timeout.toSeconds(),
      custom.pollInterval.toSeconds(),
      custom.shutdownMargin.toSeconds(),
    ]).toEqual([600, 2, 30]);
  });

  test('refuses a bare number of unknown unit', () => {
    expect(errorOf(() => DrainingPolicy.of(60 as unknown as Duration))).toMatch(
      /DrainingPolicy\.timeout 60 is not a Duration.*Duration.seconds\(60\).*\[rule P1\]/,
    );
  });
});
