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
