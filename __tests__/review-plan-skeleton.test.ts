/**
 * With diagrams (markdown), a plan's planned values are read as a skeleton (addresses, modes,
 * types, suppressions: issue 19): the configuration's references the diagrams get must be
 * those `resourcesFromPlan` reads from the whole parse, whatever shape the planned values have.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { planReview } from '../lib/review/plan';
import { resourcesFromPlan } from '../lib/terraform/resource';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-skeleton-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let serial = 0;

/** The references each drawn resource gets, or the error, read both ways. */
function both(text: string): { got: unknown; want: unknown } {
  const file = path.join(tmp, `p${serial++}.json`);
  fs.writeFileSync(file, text);
  const stack = path.basename(file).replace(/\.json$/, '');
  const attempt = (f: () => unknown) => {
    try {
      return f();
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  const got = attempt(() =>
    planReview(file, {}, true).paths!.current.map((r) => [r.address, r.references ?? {}]),
  );
  const want = attempt(() => {
    const refs = new Map(
      resourcesFromPlan(stack, JSON.parse(text)).map((r) => [r.address, r.references ?? {}]),
    );
    return planReview(file, {}, true).paths!.current.map((r) => [
      r.address,
      refs.get(r.address) ?? {},
    ]);
  });
  const show = (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x));
  return { got: show(got), want: show(want) };
}

const fixture = (name: string): any =>
  JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));

/** The session-paths fixture with planned values (what each change leaves). */
function planned(): any {
  const p = fixture('plan-session-paths.json');
  p.planned_values = {
    root_module: {
      resources: p.resource_changes
        .filter((c: any) => c.change.after)
        .map((c: any) => ({
          address: c.address,
          mode: c.mode,
          type: c.type,
          name: c.name,
          values: c.change.after,
        })),
    },
  };
  return p;
}

/** The first planned resource, at the root or in the first child module. */
const firstPlanned = (p: any): any =>
  p.planned_values.root_module.resources[0] ??
  p.planned_values.root_module.child_modules[0].resources[0];

/** The same with its resources in a child module `m`. */
function inModule(): any {
  const p = planned();
  const prefix = (a: string) => `module.m.${a}`;
  for (const c of p.resource_changes) c.address = prefix(c.address);
  const root = p.planned_values.root_module;
  p.planned_values.root_module = {
    resources: [],
    child_modules: [
      {
        address: 'module.m',
        resources: root.resources.map((r: any) => ({ ...r, address: prefix(r.address) })),
      },
    ],
  };
  p.configuration.root_module = {
    module_calls: { m: { module: p.configuration.root_module } },
  };
  return p;
}

describe('the skeleton of the planned values gives the same references', () => {
  test.each([
    'plan-session-paths.json',
    'plan-replace-backend-service.json',
    'plan-update-draining.json',
  ])('%s', (name) => {
    const { got, want } = both(JSON.stringify(fixture(name)));
    expect(got).toBe(want);
    expect(got).not.toMatch(/^error/);
  });

  test('some references are read (the test can fail)', () => {
    const { got } = both(JSON.stringify(planned()));
    expect(got).toMatch(/google_compute_backend_service\.web/);
  });

  test('planned values at the root', () => {
    const { got, want } = both(JSON.stringify(planned()));
    expect(got).toBe(want);
  });

  test('resources in a child module', () => {
    const { got, want } = both(JSON.stringify(inModule()));
    expect(got).toBe(want);
    expect(got).toContain('module.m.google_compute_backend_service');
  });

  const edits: [string, (p: any) => void][] = [
    ['no planned resources (the changes are read)', (p) => (p.planned_values.root_module = {})],
    ['planned values not an object', (p) => (p.planned_values = [1, 2])],
    ['resources not a list', (p) => (p.planned_values.root_module.resources = { a: 1 })],
    ['a resource that is not an object', (p) => p.planned_values.root_module.resources.push(null)],
    ['a child module that is null', (p) => (p.planned_values.root_module.child_modules = [null])],
    [
      'a data source',
      (p) => p.planned_values.root_module.resources.forEach((r: any) => (r.mode = 'data')),
    ],
    [
      'the URL map planned as a data source (its references are not read)',
      (p) => {
        const all = [
          ...(p.planned_values.root_module.resources ?? []),
          ...(p.planned_values.root_module.child_modules?.[0]?.resources ?? []),
        ];
        all.find((r: any) => r.type === 'google_compute_url_map').mode = 'data';
      },
    ],
    [
      'suppressions under the values',
      (p) =>
        (firstPlanned(p).values['//'] = {
          affinity_checks_suppressions: [{ rule: 'X1', reason: 'r' }, 'no'],
        }),
    ],
    ['an address that is a number', (p) => (firstPlanned(p).address = 7)],
  ];
  test.each(edits)('%s', (_, edit) => {
    const p = inModule();
    edit(p);
    const flat = planned();
    edit(flat);
    for (const plan of [p, flat]) {
      const { got, want } = both(JSON.stringify(plan));
      expect(got).toBe(want);
    }
  });

  test('a key given twice, and a __proto__ key, read as JSON.parse reads them', () => {
    const text = JSON.stringify(planned());
    for (const edited of [
      text.replace(
        '"planned_values":{"root_module":{',
        '"planned_values":{"root_module":{"resources":[],',
      ),
      text.replace(
        '"planned_values":{"root_module":{"resources":[{',
        '"planned_values":{"root_module":{"resources":[{"__proto__":{"address":"x"},',
      ),
      text.replace(
        '"planned_values":{"root_module":{"resources":[{',
        '"planned_values":{"root_module":{"resources":[{"address":"google_compute_url_map.gone","\\u0061ddress":"google_compute_url_map.map",',
      ),
    ]) {
      expect(edited).not.toBe(text);
      const { got, want } = both(edited);
      expect(got).toBe(want);
    }
  });
});
