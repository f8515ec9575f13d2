/**
 * docs/architecture.md draws the layers of lib/ as a Mermaid diagram: this test reads every
 * relative import of lib/ and checks that the diagram has exactly the arrows the code has.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');

/** The layer of a file of lib/ (as the diagram's node ids name them). */
function layer(file: string): string {
  if (/^lib\/((gcp|k8s|gke)\/)?index\.ts$/.test(file)) return 'entry';
  const dir = file.split('/')[1];
  if (['core', 'terraform', 'checks', 'review'].includes(dir)) return dir;
  const constructs =
    /\/(affinity-backend-service|zonal-backend-group|load-balancer-firewall|global-https-frontend|affinity-monitoring|google-provider|guacd-stateful-pool|kubernetes-provider|guacamole-web-tier|https-frontend-core|regional-https-frontend|regional-external-https-frontend|regional-internal-https-frontend|cross-region-internal-https-frontend|passthrough-frontend|internal-passthrough-frontend|external-passthrough-frontend|proxy-only-subnet|stack-values|traffic-path)\.ts$/;
  return constructs.test(file) ? 'constructs' : 'rules';
}

function importsBetweenLayers(): Set<string> {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const f of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const p = `${dir}/${f.name}`;
      if (f.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk('lib');
  const edges = new Set<string>();
  for (const f of files) {
    const src = fs.readFileSync(path.join(root, f), 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\b[^;]*?\bfrom '(\.[^']+)'/gms)) {
      let target = path.posix.normalize(path.posix.join(path.posix.dirname(f), m[1]));
      target = fs.existsSync(path.join(root, `${target}.ts`))
        ? `${target}.ts`
        : `${target}/index.ts`;
      const [a, b] = [layer(f), layer(target)];
      if (a !== b) edges.add(`${a} -> ${b}`);
    }
  }
  return edges;
}

function diagramEdges(): Set<string> {
  const doc = fs.readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8');
  const block = /<!-- architecture: layers -->\s*```mermaid\n([\s\S]*?)```/.exec(doc);
  expect(block).not.toBeNull();
  const edges = new Set<string>();
  for (const line of block![1].split('\n')) {
    const m = /^\s*(\w+)\s+(?:-->|-\.\s*"[^"]*"\s*\.->)\s+(.+)$/.exec(line);
    if (!m) continue;
    for (const to of m[2].split('&')) edges.add(`${m[1]} -> ${to.trim()}`);
  }
  return edges;
}

test('the layer diagram of docs/architecture.md has the arrows the imports have', () => {
  const code = importsBetweenLayers();
  const drawn = diagramEdges();
  expect(code.size).toBeGreaterThan(8);
  expect([...code].filter((e) => !drawn.has(e)).sort()).toEqual([]);
  expect([...drawn].filter((e) => !code.has(e)).sort()).toEqual([]);
});
