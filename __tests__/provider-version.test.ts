/**
 * The provider version a configuration admits (`required_providers`), which decides the level
 * of a value that later provider versions accept (B1 regional INTERNAL_SELF_MANAGED, X2 TLS_1_3).
 */
import {
  admitsVersionBefore,
  admitsVersionFrom,
  planProviderConstraints,
  providerNameOf,
  requiredProviders,
} from '../lib/terraform/provider-version';
import { resourcesFromPlan, resourcesFromSynth } from '../lib/terraform/resource';
import { checkResources } from '../lib/checks/resource-checks';
import { RuleLevel } from '../lib/core/rule-registry';

describe('admitsVersionFrom / admitsVersionBefore, at the bounds of each operator', () => {
  test.each([
    // constraint, admits a version >= 7.24.0, admits a version < 7.24.0
    [undefined, true, true],
    ['', true, true],
    ['6.50.0', false, true],
    ['= 7.24.0', true, false],
    ['7.24', true, false],
    ['7.23.9', false, true],
    ['>= 7.24.0', true, false],
    ['>= 7.23.9', true, true],
    ['> 7.24.0', true, false],
    ['> 7.23.0', true, true],
    ['< 7.24.0', false, true],
    ['<= 7.24.0', true, true],
    ['< 7.24.1', true, true],
    ['<= 7.23.99', false, true],
    ['~> 6.50', false, true],
    ['~> 7.0', true, true],
    ['~> 7.24', true, false],
    ['~> 7.23.0', false, true],
    ['~> 7.24.0', true, false],
    ['~> 7', true, true],
    ['~> 8', true, false],
    ['>= 6.0, < 7.0', false, true],
    ['>= 6.0, < 8.0', true, true],
    ['>= 7.24.0, < 8.0.0', true, false],
    ['>=7.24.0,<8', true, false],
    ['> 7.24.0, < 7.24.0', false, false],
    ['>= 7.24.0, <= 7.24.0', true, false],
    ['!= 7.24.0', true, true],
    ['v7.30.0', true, false],
    ['7.30.0-beta.1', true, false],
    ['latest', true, true],
    ['>= 6.0, whatever', true, true],
  ])('%p: from 7.24.0 %p, before it %p', (constraint, from, before) => {
    expect(admitsVersionFrom(constraint, '7.24.0')).toBe(from);
    expect(admitsVersionBefore(constraint, '7.24.0')).toBe(before);
  });

  test.each([
    // Where the kind of a bound decides: an exclusive lower bound, a tighter upper bound later,
    // a pessimistic bound that is met exactly, the next major of `~> x.y`.
    ['> 7.24.0, <= 7.24.0', '7.24.0', false],
    ['~> 7.24.0, <= 7.24.0', '7.24.0', true],
    ['< 8.0, < 7.0', '7.24.0', false],
    ['~> 7.23', '8.0.0', false],
    ['~> 7.23', '7.99.0', true],
    ['>= 10.0', '17.24.10', true],
    ['<= 17.24.10', '17.24.10', true],
  ])('%p admits a version from %p: %p', (constraint, version, admits) => {
    expect(admitsVersionFrom(constraint, version)).toBe(admits);
  });

  test('the lowest version, 0.0.0, can be the one admitted', () => {
    expect(admitsVersionBefore('= 0.0.0', '1.0.0')).toBe(true);
    expect(admitsVersionBefore('< 0.0.1', '1.0.0')).toBe(true);
  });

  test('the version asked about must be x.y.z', () => {
    for (const bad of ['x7.24.0', '7.24.0x', '7.24', ''])
      expect(() => admitsVersionFrom('>= 1.0', bad)).toThrow(/not a version x.y.z/);
    expect(() => admitsVersionFrom('>= 1.0', '7.24')).toThrow(/not a version x.y.z: 7.24/);
    expect(() => admitsVersionBefore('>= 1.0', 'seven')).toThrow(/not a version x.y.z: seven/);
  });
});

describe('where the constraint comes from', () => {
  test('required_providers of a synthesized stack and of HCL in its JSON form', () => {
    expect(
      requiredProviders({
        terraform: { required_providers: { google: { source: 'google', version: '6.50.0' } } },
      }),
    ).toEqual(new Map([['google', '6.50.0']]));
    expect(
      requiredProviders({
        terraform: [
          { required_providers: [{ 'google-beta': { version: '>= 7.24' }, google: '~> 6.0' }] },
          { required_providers: [{ google: { version: '7.0.0' } }] },
        ],
      }),
    ).toEqual(
      new Map([
        ['google-beta', '>= 7.24'],
        ['google', '~> 6.0'],
      ]),
    );
    expect(requiredProviders({})).toEqual(new Map());
    expect(requiredProviders({ terraform: null })).toEqual(new Map());
    expect(
      requiredProviders({
        terraform: [null, 'x', { required_providers: [null, { google: '6.50.0' }] }],
      }),
    ).toEqual(new Map([['google', '6.50.0']]));
    expect(requiredProviders({ terraform: 'x' })).toEqual(new Map());
    expect(
      requiredProviders({ terraform: { required_providers: { google: { source: 'g' } } } }),
    ).toEqual(new Map());
  });

  test('the provider a resource uses: its provider meta-argument, else its type prefix', () => {
    expect(providerNameOf('google_compute_backend_service', {})).toBe('google');
    expect(providerNameOf('google_compute_backend_service', { provider: 'google-beta' })).toBe(
      'google-beta',
    );
    expect(providerNameOf('google_compute_backend_service', { provider: '${google-beta}' })).toBe(
      'google-beta',
    );
    expect(providerNameOf('google_compute_backend_service', { provider: 'google.west' })).toBe(
      'google',
    );
    expect(providerNameOf('kubernetes_service_v1', { provider: '${var.x' })).toBe('kubernetes');
    expect(providerNameOf('google_x', { provider: ' google-beta ' })).toBe('google-beta');
    // Not a provider reference: the type's prefix.
    for (const odd of ['x${google-beta}', '${google-beta}x', 'google beta', 'Google', '-g'])
      expect([odd, providerNameOf('google_x', { provider: odd })]).toEqual([odd, 'google']);
    expect(providerNameOf('kubernetes_service_v1', { provider: 7 })).toBe('kubernetes');
  });

  test('a plan: provider_config by source address', () => {
    expect(
      planProviderConstraints({
        configuration: {
          provider_config: {
            google: {
              name: 'google',
              full_name: 'registry.terraform.io/hashicorp/google',
              version_constraint: '~> 6.50',
            },
            'google-beta': { name: 'google-beta', version_constraint: '>= 7.24.0' },
            kubernetes: { name: 'kubernetes' },
            broken: 'x',
          },
        },
      }),
    ).toEqual(
      new Map([
        ['google', '~> 6.50'],
        ['google-beta', '>= 7.24.0'],
      ]),
    );
    expect(planProviderConstraints({})).toEqual(new Map());
    // The source address names the provider, whatever the configuration calls it; the first
    // constraint of a provider counts (an alias repeats it).
    expect(
      planProviderConstraints({
        configuration: {
          provider_config: {
            gcp: {
              name: 'gcp',
              full_name: 'registry.terraform.io/hashicorp/google',
              version_constraint: '~> 6.0',
            },
            'gcp.west': {
              name: 'gcp',
              full_name: 'registry.terraform.io/hashicorp/google',
              version_constraint: '>= 7.24',
            },
            nameless: { version_constraint: '1.0.0' },
          },
        },
      }),
    ).toEqual(new Map([['google', '~> 6.0']]));
  });
});

describe('the level of a value that later providers accept follows the constraint', () => {
  const service = {
    name: 'mesh',
    region: 'us-central1',
    load_balancing_scheme: 'INTERNAL_SELF_MANAGED',
    protocol: 'HTTP',
    connection_draining_timeout_sec: 60,
  };
  const b1 = (findings: ReturnType<typeof checkResources>) =>
    findings.filter((f) => f.rule === 'B1').map((f) => f.level);

  test.each([
    [undefined, [RuleLevel.WARNING]],
    ['~> 7.0', [RuleLevel.WARNING]],
    ['6.50.0', [RuleLevel.ERROR]],
    ['< 7.24.0', [RuleLevel.ERROR]],
    ['>= 7.24.0', []],
  ])('synthesized stack, google %p: B1 %p', (version, levels) => {
    const json = {
      ...(version === undefined
        ? {}
        : { terraform: { required_providers: { google: { source: 'google', version } } } }),
      resource: { google_compute_region_backend_service: { mesh: service } },
    };
    expect(b1(checkResources(resourcesFromSynth('s', json)))).toEqual(levels);
  });

  test('a plan: the constraint of the provider the resource comes from', () => {
    const plan = (constraint: string) => ({
      format_version: '1.2',
      configuration: {
        provider_config: {
          google: {
            name: 'google',
            full_name: 'registry.terraform.io/hashicorp/google',
            version_constraint: constraint,
          },
        },
      },
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'google_compute_region_backend_service.mesh',
              mode: 'managed',
              type: 'google_compute_region_backend_service',
              provider_name: 'registry.terraform.io/hashicorp/google',
              values: service,
            },
          ],
        },
      },
    });
    expect(b1(checkResources(resourcesFromPlan('p', plan('~> 6.0'))))).toEqual([RuleLevel.ERROR]);
    expect(b1(checkResources(resourcesFromPlan('p', plan('>= 7.24'))))).toEqual([]);
    expect(resourcesFromPlan('p', plan('~> 6.0'))[0].providerVersion).toBe('~> 6.0');
  });

  test('the message says from which version the value is accepted', () => {
    const [f] = checkResources(
      resourcesFromSynth('s', {
        resource: { google_compute_region_backend_service: { mesh: service } },
      }),
    ).filter((x) => x.rule === 'B1');
    expect(f.problem).toMatch(/hashicorp\/google 6.50.0.*accepted from 7.24.0/);
    expect(f.fix).toMatch(/require hashicorp\/google >= 7.24.0 in required_providers/);
    expect(f.acceptedFrom).toBe('7.24.0');
  });
});
