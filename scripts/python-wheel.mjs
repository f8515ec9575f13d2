// Builds the Python wheel and sdist from jsii-pacmak's generated sources without network.
// pacmak's own Python build wants setuptools~=75.3 from PyPI, which this machine cannot reach;
// any local Python with setuptools and wheel builds the same package (`setup.py` is generated).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const src = 'dist-packages/python';
const out = 'dist-packages/python-dist';
if (!existsSync(join(src, 'setup.py'))) {
  console.error(`${src}/setup.py is missing: run jsii-pacmak --code-only first (npm run package)`);
  process.exit(2);
}
const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
const python = candidates.find((p) => {
  try {
    execFileSync(p, ['-c', 'import setuptools, wheel'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
if (!python) {
  console.error(
    `no Python with setuptools and wheel among ${candidates.join(', ')}; ` +
      'install them (Debian: apt-get install python3-setuptools python3-wheel) or set PYTHON',
  );
  process.exit(2);
}
mkdirSync(out, { recursive: true });
execFileSync(
  python,
  ['setup.py', '-q', 'bdist_wheel', '-d', `../python-dist`, 'sdist', '-d', '../python-dist'],
  {
    cwd: src,
    stdio: 'inherit',
  },
);
for (const f of readdirSync(out)) {
  console.log(
    `${join(out, f)}  ${Math.round(statSync(join(out, f)).size / 1024)} KB (built with ${python})`,
  );
}
