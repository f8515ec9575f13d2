/**
 * readDrainScript, the inverse of drainScript (lib/k8s/pod-draining), at its edges: it reads
 * back exactly what drainScript renders, a Terraform expression as the timeout included, and
 * refuses every other command. The reviewer's use of it is in review-wiring.test.ts.
 */
import { drainScript, readDrainScript } from '../lib/k8s/pod-draining';

const sh = (script: unknown) => ['/bin/sh', '-c', script];
const script = drainScript(4822, 600, 5);
const lines = script.split('\n');
const withLine = (i: number, text: string) =>
  lines.map((line, j) => (j === i ? text : line)).join('\n');
const firstLine = (timeout: string) => withLine(0, `end=$(( $(date +%s) + ${timeout} ))`);

test('reads back what drainScript renders, an expression as the timeout included', () => {
  expect(lines[2]).toContain('/:12D6$/');
  expect(readDrainScript(sh(script))).toEqual({ port: 4822, timeoutSeconds: 600 });
  expect(readDrainScript(sh(drainScript(80, 0, 1)))).toEqual({ port: 80, timeoutSeconds: 0 });
  expect(readDrainScript(sh(firstLine('${var.drain}')))).toEqual({
    port: 4822,
    timeoutSeconds: '${var.drain}',
  });
});

test('a timeout that is not a whole number of 0 or more is kept as written', () => {
  expect(readDrainScript(sh(firstLine('1.5')))).toEqual({ port: 4822, timeoutSeconds: '1.5' });
  expect(readDrainScript(sh(firstLine('-5')))).toEqual({ port: 4822, timeoutSeconds: '-5' });
});

test.each([
  ['not a list', 'sleep 600'],
  ['a fourth element', [...sh(script), 'x']],
  ['another shell', ['/bin/bash', '-c', script]],
  ['another flag', ['/bin/sh', '-x', script]],
  ['a script that is not text', sh(5)],
  ['a line missing', sh(lines.slice(0, 6).join('\n'))],
  ['a line added', sh(`${script}\nexit 1`)],
  ['a line changed', sh(withLine(3, '  [ "$n" -eq 1 ] && exit 0'))],
  ['the timeout written otherwise', sh(firstLine('0600'))],
  ['an empty timeout', sh(firstLine(''))],
  ['an expression after another start', sh(withLine(0, 'end=$(( $(date +%S) + ${var.drain} ))'))],
  ['an expression before another end', sh(withLine(0, 'end=$(( $(date +%s) + ${var.drain} )'))],
  ['a poll that is not a number', sh(withLine(4, '  sleep NaN'))],
  ['a fractional poll', sh(withLine(4, '  sleep 1.5'))],
  ['no port', sh(withLine(2, lines[2].replace('/:12D6$/', '/12D6$/')))],
])('not drainScript: %s', (_, command) => {
  expect(readDrainScript(command)).toBeUndefined();
});
