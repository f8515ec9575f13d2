/**
 * The version of this package, for tool output (SARIF's `tool.driver.version`): read from the
 * package's own package.json, found by walking up from this file (the same from lib/ under
 * ts-jest, build/lib/ and dist/).
 */
import * as fs from 'fs';
import * as path from 'path';

const PACKAGE_NAME = 'cdktf-affinity-draining';
let cached: string | undefined;

/** The package version, e.g. `0.1.0` (`0.0.0` if no package.json of this package is found). */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  cached = '0.0.0';
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg?.name === PACKAGE_NAME && typeof pkg.version === 'string') {
        cached = pkg.version;
        break;
      }
    } catch {
      // no package.json here: look further up
    }
    if (path.dirname(dir) === dir) break;
  }
  return cached!;
}
