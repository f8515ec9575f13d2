/**
 * Terraform resources as every evaluator reads them (lib/terraform/resource): synth JSON and its
 * HCL form, plans (planned values with `after_unknown`, or only resource changes), module
 * addresses, configuration references, suppressions, and how an attribute's references are
 * resolved.
 */
import { AFTER_APPLY } from '../lib/core/unknown';
import {
  ResourceIndex,
  SUPPRESSIONS_KEY,
  TfResource,
  block,
  resourcesFromPlan,
  resourcesFromSynth,
  withUnknowns,
} from '../lib/terraform/resource';

const BS = 'google_compute_backend_service';
const HC = 'google_compute_health_check';

describe('block', () => {
  test('the first element of a block list, or the block itself', () => {
    expect(block([{ a: 1 }, { a: 2 }])).toEqual({ a: 1 });
    expect(block({ a: 1 })).toEqual({ a: 1 });
    expect(block([])).toBeUndefined();
    expect(block(undefined)).toBeUndefined();
  });
});

describe('resourcesFromSynth', () => {
  test('cdk.tf.json: address, type, values, source, construct path and suppressions', () => {
    const json = {
      resource: {
        [BS]: {
          web: {
            name: 'web',
            '//': {
              metadata: { path: 'stack/web/Resource' },
              [SUPPRESSIONS_KEY]: [
                { rule: 'S1', reason: 'pinned' },
                { rule: 'B2' },
                { reason: 'no rule' },
                'S9',
              ],
            },
          },
        },
      },
    };
    const [r, ...rest] = resourcesFromSynth('stack', json);
    expect(rest).toEqual([]);
    expect(r.address).toBe(`${BS}.web`);
    expect(r.type).toBe(BS);
    expect(r.source).toBe('stack');
    expect(r.values.name).toBe('web');
    expect(r.constructPath).toBe('stack/web/Resource');
    expect(r.suppressions).toEqual([
      { rule: 'S1', reason: 'pinned' },
      { rule: 'B2', reason: '' },
    ]);
  });

  test('HCL as JSON: one-element body lists are unwrapped; other shapes are skipped', () => {
    const json = {
      resource: {
        [BS]: { a: [{ name: 'a' }], b: [{ name: 'b1' }, { name: 'b2' }], c: 'text', d: null },
        [HC]: [{ hc: { name: 'x' } }],
        google_compute_firewall: { fw: { name: 'fw' } },
      },
    };
    const rs = resourcesFromSynth('main.tf', json);
    expect(rs.map((r) => r.address)).toEqual([`${BS}.a`, 'google_compute_firewall.fw']);
    expect(rs[0].values).toEqual({ name: 'a' });
    expect(rs[0].constructPath).toBeUndefined();
    expect(rs[0].suppressions).toEqual([]);
  });

  test('no resources', () => {
    expect(resourcesFromSynth('s', {})).toEqual([]);
    expect(resourcesFromSynth('s', { resource: {} })).toEqual([]);
  });
});

describe('withUnknowns', () => {
  test('marks what after_unknown marks, at any depth, and keeps the rest', () => {
    const values = { name: 'web', port: 80, backend: [{ group: null, mode: 'UTILIZATION' }] };
    const unknown = { name: false, id: true, backend: [{ group: true, mode: false }] };
    expect(withUnknowns(values, unknown)).toEqual({
      name: 'web',
      port: 80,
      id: AFTER_APPLY,
      backend: [{ group: AFTER_APPLY, mode: 'UTILIZATION' }],
    });
    // The input is not changed.
    expect(values.backend[0].group).toBeNull();
  });

  test('a whole value unknown, missing containers, and nothing unknown', () => {
    expect(withUnknowns({ a: 1 }, true)).toBe(AFTER_APPLY);
    expect(withUnknowns(undefined, { a: true })).toEqual({ a: AFTER_APPLY });
    expect(withUnknowns(undefined, [false, true])).toEqual([undefined, AFTER_APPLY]);
    expect(withUnknowns('x', { a: true })).toEqual({ a: AFTER_APPLY });
    expect(withUnknowns({ a: 1 }, [true])).toEqual([AFTER_APPLY]);
    expect(withUnknowns([1, 2], [false, undefined])).toEqual([1, 2]);
    expect(withUnknowns({ a: 1 }, { a: undefined, b: false })).toEqual({ a: 1 });
    expect(withUnknowns({ a: 1 }, undefined)).toEqual({ a: 1 });
    expect(withUnknowns({ a: 1 }, false)).toEqual({ a: 1 });
  });
});

describe('resourcesFromPlan', () => {
  const plan = {
    planned_values: {
      root_module: {
        resources: [
          { address: `${BS}.web`, mode: 'managed', type: BS, values: { name: 'web' } },
          { address: `data.${HC}.d`, mode: 'data', type: HC, values: {} },
          { address: 'x.y', mode: 'managed', values: {} },
          { address: `${HC}.hc[0]`, mode: 'managed', type: HC, values: 'not an object' },
        ],
        child_modules: [
          {
            address: 'module.lb',
            resources: [
              { address: `module.lb.${BS}.inner`, mode: 'managed', type: BS, values: {} },
            ],
            child_modules: [
              {
                resources: [
                  { address: `module.lb.${HC}.deep`, mode: 'managed', type: HC, values: {} },
                ],
              },
            ],
          },
        ],
      },
    },
    resource_changes: [
      { address: `${BS}.web`, change: { after_unknown: { self_link: true } } },
      'not a change',
      { address: 7 },
    ],
    configuration: {
      root_module: {
        resources: [
          {
            address: `${BS}.web`,
            expressions: {
              health_checks: { references: [`${HC}.hc[0].id`, `${HC}.hc`, 'var.hc', 'local.x', 3] },
              backend: [{ group: { references: ['google_compute_instance_group.g.self_link'] } }],
              name: { constant_value: 'web' },
            },
          },
          { address: 5 },
          'junk',
        ],
        module_calls: {
          lb: {
            module: {
              resources: [
                {
                  address: `${BS}.inner`,
                  expressions: { health_checks: { references: [`${HC}.deep.id`] } },
                },
              ],
            },
          },
          empty: {},
        },
      },
    },
  };

  test('planned values: managed resources of every module, unknowns marked', () => {
    const rs = resourcesFromPlan('plan.json', plan);
    expect(rs.map((r) => r.address)).toEqual([
      `${BS}.web`,
      `${HC}.hc[0]`,
      `module.lb.${BS}.inner`,
      `module.lb.${HC}.deep`,
    ]);
    expect(rs[0].values).toEqual({ name: 'web', self_link: AFTER_APPLY });
    expect(rs[0].source).toBe('plan.json');
    expect(rs[1].values).toEqual({});
    expect(rs.every((r) => r.suppressions.length === 0)).toBe(true);
  });

  test('configuration references by attribute path, instance keys and modules included', () => {
    const rs = resourcesFromPlan('plan.json', plan);
    // Terraform lists `type.name[key].attr`, `type.name[key]` and `type.name`: the resource
    // addresses are kept (with the instance key, which planned addresses carry), once each.
    expect(rs[0].references).toEqual({
      health_checks: [`${HC}.hc[0]`, `${HC}.hc`],
      'backend.group': ['google_compute_instance_group.g'],
    });
    expect(rs[1].references).toEqual({});
    expect(rs[2].references).toEqual({ health_checks: [`module.lb.${HC}.deep`] });
  });

  test('a plan with only resource changes is read from what the changes leave', () => {
    const rs = resourcesFromPlan('p', {
      resource_changes: [
        {
          address: `${BS}.a`,
          mode: 'managed',
          type: BS,
          change: {
            after: { name: 'a', '//': { [SUPPRESSIONS_KEY]: [{ rule: 'S1', reason: 'r' }] } },
            after_unknown: { id: true },
          },
        },
        { address: `data.${HC}.d`, mode: 'data', type: HC, change: { after: {} } },
        { address: `${HC}.deleted`, mode: 'managed', type: HC, change: { after: null } },
        { address: 'no.type', mode: 'managed', change: { after: {} } },
      ],
    });
    expect(rs.map((r) => r.address)).toEqual([`${BS}.a`]);
    expect(rs[0].values.id).toBe(AFTER_APPLY);
    expect(rs[0].values.name).toBe('a');
    expect(rs[0].suppressions).toEqual([{ rule: 'S1', reason: 'r' }]);
    expect(rs[0].references).toEqual({});
  });

  test('an empty plan reads as no resources', () => {
    expect(resourcesFromPlan('p', {})).toEqual([]);
    expect(resourcesFromPlan('p', { planned_values: { root_module: null } })).toEqual([]);
  });
});

describe('ResourceIndex', () => {
  const res = (
    source: string,
    type: string,
    name: string,
    values: Record<string, unknown>,
    references?: Record<string, string[]>,
  ): TfResource => ({
    address: `${type}.${name}`,
    type,
    values: { name, ...values },
    source,
    suppressions: [],
    ...(references ? { references } : {}),
  });
  const hc = res('s', HC, 'hc', { self_link: 'https://x/global/healthChecks/hc-link' });
  const hc2 = res('s', HC, 'hc2', { id: 'projects/p/global/healthChecks/other' });
  const other = res('t', HC, 'hc', {});
  const fw = res('s', 'google_compute_firewall', 'fw', {});

  test('resources by type, in one stack or in all', () => {
    const index = new ResourceIndex([hc, hc2, other, fw]);
    expect(index.ofTypes([HC])).toEqual([hc, hc2, other]);
    expect(index.ofTypes([HC], fw)).toEqual([hc, hc2]);
    expect(index.ofTypes(['google_compute_firewall', HC], other)).toEqual([other]);
    expect(index.ofTypes(['nothing'])).toEqual([]);
    expect(index.resources).toHaveLength(4);
  });

  test('synth references (${type.name.attr}, with index keys, inside lists and blocks)', () => {
    const bs = res('s', BS, 'web', {
      health_checks: [
        '${google_compute_health_check.hc.id}',
        '${google_compute_health_check.hc2[0].self_link}',
      ],
      backend: [{ group: '${google_compute_firewall.fw.id}' }],
      port: 80,
    });
    const index = new ResourceIndex([hc, hc2, other, fw, bs]);
    expect(index.referenced(bs, 'health_checks', [HC])).toEqual([hc, hc2]);
    expect(index.referenced(bs, 'backend.group', ['google_compute_firewall'])).toEqual([fw]);
    // Only the types asked for, only in the same stack, nothing for other attributes.
    expect(index.referenced(bs, 'backend.group', [HC])).toEqual([]);
    expect(index.referenced(bs, 'port', [HC])).toEqual([]);
    expect(index.referenced(bs, 'missing.deeper', [HC])).toEqual([]);
  });

  test('plan references, then names, ids and self links of known values', () => {
    const fromPlan = res(
      's',
      BS,
      'a',
      { health_checks: [AFTER_APPLY] },
      { health_checks: [`${HC}.hc`] },
    );
    const byLink = res('s', BS, 'b', { health_checks: ['https://x/global/healthChecks/hc-link'] });
    const byId = res('s', BS, 'c', { health_checks: 'projects/p/global/healthChecks/other' });
    const byName = res('s', BS, 'd', { health_checks: ['projects/p/global/healthChecks/hc'] });
    const none = res('s', BS, 'e', { health_checks: ['projects/p/global/healthChecks/nope'] });
    const index = new ResourceIndex([hc, hc2, other, fromPlan, byLink, byId, byName, none]);
    expect(index.referenced(fromPlan, 'health_checks', [HC])).toEqual([hc]);
    expect(index.referenced(byLink, 'health_checks', [HC])).toEqual([hc]);
    expect(index.referenced(byId, 'health_checks', [HC])).toEqual([hc2]);
    expect(index.referenced(byName, 'health_checks', [HC])).toEqual([hc]);
    expect(index.referenced(none, 'health_checks', [HC])).toEqual([]);
    expect(index.referenced(byName, 'health_checks', ['google_compute_firewall'])).toEqual([]);
  });
});

describe('plans with odd but legal shapes (the mutation run found them untested)', () => {
  test('withUnknowns adds no key that after_unknown marks false or leaves out', () => {
    expect(withUnknowns({ a: 1 }, { b: false, c: undefined })).toStrictEqual({ a: 1 });
    expect(withUnknowns([1], [false, undefined])).toStrictEqual([1]);
    expect(withUnknowns({ a: 1 }, { b: true })).toStrictEqual({ a: 1, b: AFTER_APPLY });
    expect(withUnknowns([1, 2], [false, true])).toStrictEqual([1, AFTER_APPLY]);
  });

  const svc = (address: string) => ({
    address,
    mode: 'managed',
    type: 'google_compute_backend_service',
    values: { name: 'web' },
  });
  test('configuration entries that are not resources, and module calls without a module, are skipped', () => {
    const plan = {
      planned_values: { root_module: { resources: [svc('google_compute_backend_service.web')] } },
      configuration: {
        root_module: {
          resources: [
            null,
            { expressions: { health_checks: { references: ['google_compute_health_check.x'] } } },
            {
              address: 'google_compute_backend_service.web',
              expressions: { health_checks: { references: ['google_compute_health_check.hc.id'] } },
            },
          ],
          module_calls: { broken: null, empty: {} },
        },
      },
    };
    const [r] = resourcesFromPlan('p', plan);
    expect(r.references).toEqual({ health_checks: ['google_compute_health_check.hc'] });
  });
  test('instance keys ([0], ["eu"]) read the references of their configuration address', () => {
    const plan = {
      planned_values: {
        root_module: {
          resources: [
            svc('google_compute_backend_service.web[0]'),
            svc('google_compute_backend_service.web["eu"]'),
          ],
        },
      },
      configuration: {
        root_module: {
          resources: [
            {
              address: 'google_compute_backend_service.web',
              expressions: { health_checks: { references: ['google_compute_health_check.hc'] } },
            },
          ],
        },
      },
    };
    expect(resourcesFromPlan('p', plan).map((r) => r.references)).toEqual([
      { health_checks: ['google_compute_health_check.hc'] },
      { health_checks: ['google_compute_health_check.hc'] },
    ]);
  });
  test('modules without resources or children, and children without an address', () => {
    const plan = {
      planned_values: {
        root_module: {
          child_modules: [
            {},
            { resources: [svc('google_compute_backend_service.web')] },
            {
              address: 'module.m',
              resources: [svc('module.m.google_compute_backend_service.web')],
            },
          ],
        },
      },
    };
    expect(resourcesFromPlan('p', plan).map((r) => r.address)).toEqual([
      'google_compute_backend_service.web',
      'module.m.google_compute_backend_service.web',
    ]);
  });
  test('changes that are not objects, have no address or no change block are skipped', () => {
    const plan = {
      planned_values: { root_module: { resources: [svc('google_compute_backend_service.web')] } },
      resource_changes: [
        null,
        { type: 'google_compute_backend_service', change: { after_unknown: { name: true } } },
        { address: 'google_compute_backend_service.web' },
      ],
    };
    expect(resourcesFromPlan('p', plan)[0].values).toEqual({ name: 'web' });
    const onlyChanges = {
      resource_changes: [
        {
          address: 'google_compute_backend_service.a',
          mode: 'managed',
          type: 'google_compute_backend_service',
        },
        {
          address: 'google_compute_backend_service.b',
          mode: 'managed',
          type: 'google_compute_backend_service',
          change: { after: { name: 'b' } },
        },
      ],
    };
    expect(resourcesFromPlan('p', onlyChanges).map((r) => [r.address, r.values])).toEqual([
      ['google_compute_backend_service.b', { name: 'b' }],
    ]);
  });
});
