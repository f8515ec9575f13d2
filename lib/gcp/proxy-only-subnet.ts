import { Construct, IConstruct } from 'constructs';
import { TerraformResource, TerraformStack } from 'cdktf';
import type * as subnetwork from '@cdktf/provider-google/lib/compute-subnetwork';
import { markRulesChecked } from '../core/checked';
import { RuleViolation, addRuleValidation, applyFindings } from '../core/errors';
import { checkGcpName } from '../core/names';
import { checkRequiredProps, isUnresolved } from '../core/rules';
import { checkShape } from '../core/shape';
import { aString, objectOf, optional, required } from '../core/shape';
import { googleModule } from './google-provider';
import { resolveInStack } from './stack-values';
import { renderSubnetwork } from '../terraform/google/subnetwork';

/** The role of the subnets this construct creates: the one that serves (not the BACKUP). */
const PROXY_ONLY_ROLE = 'ACTIVE';

/**
 * What a proxy-only subnet serves (`purpose` of `google_compute_subnetwork`; hashicorp/google
 * 6.50.0, magic-modules Subnetwork.yaml).
 */
export enum ProxyOnlySubnetPurpose {
  /** Regional external and regional internal Application LBs, regional proxy NLBs. */
  REGIONAL_MANAGED_PROXY = 'REGIONAL_MANAGED_PROXY',
  /** Cross-region internal Application LBs and cross-region internal proxy NLBs. */
  GLOBAL_MANAGED_PROXY = 'GLOBAL_MANAGED_PROXY',
}

/** Properties of a `ProxyOnlySubnet` this library creates. */
export interface ProxyOnlySubnetProps {
  /** Google Cloud name of the subnet. */
  readonly name: string;
  /** Region, e.g. `europe-west4`. */
  readonly region: string;
  /** VPC network (name, self link or id). */
  readonly network: string;
  /** Primary range, /26 or larger (Google recommends /23), e.g. `10.129.0.0/23`. */
  readonly ipCidrRange: string;
  /**
   * What the subnet serves.
   * @default ProxyOnlySubnetPurpose.REGIONAL_MANAGED_PROXY
   */
  readonly purpose?: ProxyOnlySubnetPurpose;
  /**
   * Project.
   * @default - the provider's project
   */
  readonly project?: string;
}

/** An existing proxy-only subnet (made elsewhere, e.g. by the network team). */
export interface ExistingProxyOnlySubnetProps {
  /** Region. */
  readonly region: string;
  /** VPC network (as the frontends name it). */
  readonly network: string;
  /** Its primary range: the firewall admits it on the serving ports. */
  readonly ipCidrRange: string;
  /**
   * What the subnet serves.
   * @default ProxyOnlySubnetPurpose.REGIONAL_MANAGED_PROXY
   */
  readonly purpose?: ProxyOnlySubnetPurpose;
}

const PROPS = objectOf(
  'ProxyOnlySubnetProps',
  {
    name: optional(aString("'proxy-only-ew4'")),
    region: required(aString("'europe-west4'")),
    network: required(aString("'default'")),
    ipCidrRange: required(aString("'10.129.0.0/23'")),
    purpose: optional(aString('ProxyOnlySubnetPurpose.REGIONAL_MANAGED_PROXY')),
    project: optional(aString("'my-project'")),
  },
  "{ name, region, network, ipCidrRange: '10.129.0.0/23' }",
);

/** Set by `fromExisting` for the constructor it calls (jsii has no private constructor overloads). */
const EXISTING = { next: false };

/** The proxy-only subnets of each stack (U8: one per region, network and purpose). */
const STACK_SUBNETS = new WeakMap<TerraformStack, ProxyOnlySubnet[]>();

/** The smallest proxy-only subnet (https://cloud.google.com/load-balancing/docs/proxy-only-subnets). */
const MAX_PREFIX = 26;

/**
 * The proxy-only subnet of a region and VPC network, from which the Envoy proxies of the
 * regional and cross-region Application Load Balancers (and proxy NLBs) reach the backends.
 * Created with `new ProxyOnlySubnet(...)` (purpose REGIONAL_MANAGED_PROXY or
 * GLOBAL_MANAGED_PROXY, role ACTIVE), or referenced with `ProxyOnlySubnet.fromExisting(...)`.
 * Every Envoy-based frontend of this library needs one in its region and network (rule U8),
 * and `LoadBalancerFirewall` admits its range on the serving ports (`proxyOnlySubnets`).
 */
export class ProxyOnlySubnet extends Construct {
  /** References a proxy-only subnet that exists already; renders nothing. */
  public static fromExisting(
    scope: Construct,
    id: string,
    props: ExistingProxyOnlySubnetProps,
  ): ProxyOnlySubnet {
    EXISTING.next = true;
    try {
      return new ProxyOnlySubnet(scope, id, { ...props, name: '' });
    } finally {
      EXISTING.next = false;
    }
  }

  /** The subnets of the stack of `scope` (created and referenced). */
  public static ofStack(scope: IConstruct): ProxyOnlySubnet[] {
    return [...(STACK_SUBNETS.get(TerraformStack.of(scope)) ?? [])];
  }

  public readonly region: string;
  public readonly network: string;
  public readonly ipCidrRange: string;
  public readonly purpose: ProxyOnlySubnetPurpose;
  /** The subnet resource (escape hatch) when this construct created it. */
  public readonly subnetwork?: TerraformResource;

  /** True when this construct only references a subnet made elsewhere. */
  public readonly existing: boolean;

  constructor(scope: Construct, id: string, props: ProxyOnlySubnetProps) {
    super(scope, id);
    const existing = EXISTING.next;
    EXISTING.next = false;
    this.existing = existing;
    markRulesChecked(this);
    applyFindings(this, {
      errors: checkRequiredProps(props, [
        ['region', 'string', "'europe-west4'"],
        ['network', 'string', "'default'"],
        ['ipCidrRange', 'string', "'10.129.0.0/23'"],
      ]),
      warnings: [],
    });
    applyFindings(this, { errors: checkShape(props, PROPS), warnings: [] });
    this.region = props.region;
    this.network = props.network;
    this.ipCidrRange = props.ipCidrRange;
    this.purpose = props.purpose ?? ProxyOnlySubnetPurpose.REGIONAL_MANAGED_PROXY;
    applyFindings(this, {
      errors: [
        ...(existing ? [] : checkGcpName('name', props.name)),
        ...checkProxyRange(props.ipCidrRange),
        ...checkPurpose(this.purpose),
      ],
      warnings: [],
    });
    if (!existing) {
      const { ComputeSubnetwork } = googleModule<typeof subnetwork>(
        'compute-subnetwork',
        'ProxyOnlySubnet',
      );
      this.subnetwork = new ComputeSubnetwork(
        this,
        'subnet',
        renderSubnetwork(
          {
            name: props.name,
            region: props.region,
            network: props.network,
            ipCidrRange: props.ipCidrRange,
            purpose: this.purpose,
            role: PROXY_ONLY_ROLE,
          },
          { project: props.project },
        ),
      );
    }
    const stack = TerraformStack.of(this);
    STACK_SUBNETS.set(stack, [...(STACK_SUBNETS.get(stack) ?? []), this]);
    addRuleValidation(this, () => ({ errors: this.duplicates(), warnings: [] }));
  }

  /** The resource a forwarding rule must be created after, when this construct made it. */
  public get dependable(): TerraformResource | undefined {
    return this.subnetwork;
  }

  /** True when this subnet serves `purpose` in `region` of `network` (values resolved in the stack). */
  public serves(scope: IConstruct, region: string, network: string, purpose: string): boolean {
    const [a, b] = [resolveInStack(scope, this.network), resolveInStack(scope, network)];
    return (
      this.purpose === purpose &&
      resolveInStack(scope, this.region) === resolveInStack(scope, region) &&
      (a === b || lastSegment(a) === lastSegment(b))
    );
  }

  /** U8: one ACTIVE proxy-only subnet per region, network and purpose. */
  private duplicates(): RuleViolation[] {
    const others = ProxyOnlySubnet.ofStack(this).filter(
      (s) => s !== this && s.serves(this, this.region, this.network, this.purpose),
    );
    const first = ProxyOnlySubnet.ofStack(this).find((s) =>
      s.serves(this, this.region, this.network, this.purpose),
    );
    if (others.length === 0 || first === this) return [];
    return [
      {
        rule: 'U8',
        attribute: 'region',
        value: String(this.region),
        problem: `already has the ${this.purpose} proxy-only subnet ${first?.node.path} in network ${this.network}; a region and network take one ACTIVE subnet per purpose`,
        allowed: 'one ProxyOnlySubnet per region, network and purpose',
        fix: `use ${first?.node.path} (pass it as proxyOnlySubnet), or remove this one`,
      },
    ];
  }
}

const lastSegment = (v: unknown) =>
  typeof v === 'string' && !isUnresolved(v) ? v.split('/').pop() : v;

/** U8: a proxy-only range is an IPv4 CIDR of /26 or larger. */
function checkProxyRange(range: string): RuleViolation[] {
  if (isUnresolved(range)) return [];
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(String(range));
  const ok =
    m !== null &&
    m.slice(1, 5).every((o) => Number(o) <= 255) &&
    Number(m[5]) <= MAX_PREFIX &&
    Number(m[5]) >= 8;
  if (ok) return [];
  return [
    {
      rule: 'U8',
      attribute: 'ipCidrRange',
      value: `"${range}"`,
      problem: 'is not a proxy-only range the API accepts',
      allowed: `an IPv4 CIDR of /${MAX_PREFIX} or larger (up to /8), e.g. 10.129.0.0/23`,
      fix: "use e.g. '10.129.0.0/23' (Google's recommended size)",
    },
  ];
}

function checkPurpose(purpose: string): RuleViolation[] {
  if (Object.values<string>(ProxyOnlySubnetPurpose).includes(purpose)) return [];
  return [
    {
      rule: 'U8',
      attribute: 'purpose',
      value: String(purpose),
      problem: 'is not a proxy-only purpose',
      allowed: 'REGIONAL_MANAGED_PROXY or GLOBAL_MANAGED_PROXY',
      fix: 'use ProxyOnlySubnetPurpose.REGIONAL_MANAGED_PROXY',
    },
  ];
}

/**
 * U8: the proxy-only subnet an Envoy-based frontend needs in `region` of `network`: the one
 * given, or the stack's; a violation naming the fix when there is none.
 */
export function findProxyOnlySubnet(
  scope: IConstruct,
  region: string,
  network: string,
  purpose: ProxyOnlySubnetPurpose,
  given: readonly ProxyOnlySubnet[] | undefined,
): { subnets: ProxyOnlySubnet[]; errors: RuleViolation[] } {
  const candidates = given ?? ProxyOnlySubnet.ofStack(scope);
  const found = candidates.filter((s) => s.serves(scope, region, network, purpose));
  if (found.length > 0 || isUnresolved(region)) return { subnets: found, errors: [] };
  return {
    subnets: [],
    errors: [
      {
        rule: 'U8',
        attribute: 'proxyOnlySubnet',
        value: given
          ? `[${given.map((s) => `${s.purpose} ${s.region} ${s.network}`).join(', ')}]`
          : 'not set',
        problem: `${given ? 'leaves' : 'and no ProxyOnlySubnet in this stack leave'} ${region} of network ${network} without a ${purpose} proxy-only subnet: the API refuses the forwarding rule, and the proxies would have no addresses to reach the backends from`,
        allowed: `a ProxyOnlySubnet with purpose ${purpose} in ${region} of ${network}, created or referenced`,
        fix: `add new ProxyOnlySubnet(stack, 'proxy-only', { name, region: '${region}', network, ipCidrRange: '10.129.0.0/23'${purpose === ProxyOnlySubnetPurpose.GLOBAL_MANAGED_PROXY ? ', purpose: ProxyOnlySubnetPurpose.GLOBAL_MANAGED_PROXY' : ''} }), or ProxyOnlySubnet.fromExisting(...) for one made elsewhere`,
      },
    ],
  };
}
