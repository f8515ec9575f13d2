// Validates Kubernetes API objects against the published schemas of kubernetes-models,
// @kubernetes-models/gke and @kubernetes-models/gateway-api (ES modules, so it runs in its own
// Node process; __tests__/k8s-schemas.test.ts starts it). Reads a JSON array of objects on stdin
// and prints one result per object: { class, error } (error null when valid; class null when no
// package has the kind).
const MODULES = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'cloud.google.com/v1': '@kubernetes-models/gke/cloud.google.com/v1',
  'networking.gke.io/v1': '@kubernetes-models/gke/networking.gke.io/v1',
  'gateway.networking.k8s.io/v1': '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1',
};

let input = '';
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const obj of JSON.parse(input)) {
  const path = MODULES[obj.apiVersion];
  const Model = path ? (await import(path))[obj.kind] : undefined;
  if (typeof Model !== 'function') {
    results.push({ class: null, error: `no published schema for ${obj.apiVersion} ${obj.kind}` });
    continue;
  }
  try {
    new Model(obj).validate();
    results.push({ class: `${path}#${obj.kind}`, error: null });
  } catch (e) {
    results.push({ class: `${path}#${obj.kind}`, error: String(e.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(results));
