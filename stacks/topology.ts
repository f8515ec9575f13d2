/**
 * The reference deployment of seed 000 ("Advanced Session Affinity & Connection Draining")
 * as typed data. The stacks are built from this and nothing else, so a change of topology
 * is a reviewable diff of this file.
 *
 * Where the seed asked for something the load balancer would ignore or reject, the entry says
 * what it became and why (see README, "Reference deployment").
 */
import { Duration, SessionAffinity } from '../lib';

/** One managed instance group of a region. */
export interface ZoneGroupTopology {
  readonly zone: string;
  /** Google Cloud name of the group (the seed's names). */
  readonly groupName: string;
}

/** One region of the MCP fleet: one stack each. */
export interface RegionTopology {
  readonly region: string;
  readonly zones: ZoneGroupTopology[];
  /**
   * False for a region that is built but takes no traffic (capacity scaler 0, no instances)
   * until someone flips it.
   */
  readonly serving: boolean;
  /** Autoscaling per zone group, when serving. */
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Seed role, for descriptions. */
  readonly role: string;
}

/** One backend service of the global load balancer. */
export interface ServiceTopology {
  /** Construct id: part of the Terraform address. Never rename. */
  readonly id: string;
  /** Google Cloud name (the seed's). */
  readonly name: string;
  readonly affinity: SessionAffinity;
  readonly draining: Duration;
  readonly healthCheckName: string;
  readonly healthCheckPath: string;
  /** Requests per second one instance serves (RATE balancing). */
  readonly maxRatePerInstance: number;
  /** What the seed asked for, kept for the record and the README. */
  readonly seed: string;
}

/** The whole MCP deployment. */
export interface McpTopology {
  readonly project: string;
  readonly network: string;
  /** Network tag of the backend instances (firewall target). */
  readonly instanceTag: string;
  readonly machineType: string;
  /** Boot image of the backends; replace with the team's own image. */
  readonly sourceImage: string;
  /** Host names of the HTTPS frontend (Google-managed certificate). */
  readonly domains: string[];
  /** Serving port of the backends (named port `https`). */
  readonly servingPort: number;
  readonly regions: RegionTopology[];
  readonly services: ServiceTopology[];
  /** Header for personality-aware stickiness (seed: "X-Personality: dr-lucy"). */
  readonly personalityHeader: string;
  /** Where the load balancer's alerts go (an email notification channel). */
  readonly alertEmail: string;
}

export const DEFAULT_PROJECT = 'api-for-warp-drive';

/** Builds the seed topology for a project (overridable: see stacks/main.ts). */
export function mcpTopology(
  project: string = DEFAULT_PROJECT,
  domain = 'mcp.example.com',
): McpTopology {
  return {
    project,
    network: 'default',
    instanceTag: 'mcp-backend',
    machineType: 'e2-standard-2',
    sourceImage: 'debian-cloud/debian-12',
    domains: [domain],
    servingPort: 443,
    personalityHeader: 'X-Personality',
    alertEmail: 'mcp-oncall@example.com',
    regions: [
      {
        region: 'us-west1',
        role: 'primary (MOCOA)',
        serving: true,
        minReplicas: 1,
        maxReplicas: 4,
        zones: [
          { zone: 'us-west1-a', groupName: 'mcp-group-us-west1-a' },
          { zone: 'us-west1-b', groupName: 'mcp-group-us-west1-b' },
          { zone: 'us-west1-c', groupName: 'mcp-group-us-west1-c' },
        ],
      },
      {
        // The seed's group had 0 instances ("scaling needed"): here it autoscales from 1.
        region: 'europe-west1',
        role: 'international (MOCOA EU)',
        serving: true,
        minReplicas: 1,
        maxReplicas: 4,
        zones: [{ zone: 'europe-west1-b', groupName: 'mcp-mig-europe-west1-b' }],
      },
      {
        // Seed: "[Future expansion]". Built, attached with capacity scaler 0 and no instances.
        region: 'us-central1',
        role: 'master orchestration (MOCORIX2), future expansion',
        serving: false,
        minReplicas: 1,
        maxReplicas: 4,
        zones: [{ zone: 'us-central1-a', groupName: 'mcp-group-us-central1-a' }],
      },
    ],
    services: [
      {
        id: 'mcp',
        name: 'mcp-backend-global',
        // Seed: CLIENT_IP + affinityCookieTtlSec 1800. CLIENT_IP has no cookie, so the TTL
        // would be ignored; a generated cookie makes the 30 minutes real.
        affinity: SessionAffinity.generatedCookie({ ttl: Duration.seconds(1800) }),
        draining: Duration.seconds(60),
        healthCheckName: 'mcp-personality-health-check',
        healthCheckPath: '/health?source=lb&check=personality',
        maxRatePerInstance: 100,
        seed: 'CLIENT_IP, TTL 1800, drain 60, maxUtilization 0.85',
      },
      {
        id: 'voice',
        name: 'voice-backend-global',
        affinity: SessionAffinity.generatedCookie({ ttl: Duration.seconds(2700) }),
        draining: Duration.seconds(45),
        healthCheckName: 'voice-health-check',
        healthCheckPath: '/health?service=elevenlabs&check=voices',
        maxRatePerInstance: 50,
        seed: 'CLIENT_IP, TTL 2700, drain 45',
      },
      {
        id: 'vls',
        name: 'vls-backend-global',
        // Seed: CLIENT_IP_PORT_PROTO, which an HTTPS load balancer rejects. Agent sessions
        // are long and must not move when the autoscaler adds instances: strong cookie.
        affinity: SessionAffinity.strongCookie({
          name: 'VLS_AGENT_SESSION',
          path: '/',
          ttl: Duration.seconds(3600),
        }),
        draining: Duration.seconds(30),
        healthCheckName: 'vls-health-check',
        healthCheckPath: '/health?service=vls&check=agents',
        maxRatePerInstance: 50,
        seed: 'CLIENT_IP_PORT_PROTO, TTL 3600, drain 30',
      },
      {
        id: 'sao',
        name: 'sao-backend-global',
        // Long admin sessions (2 h) that must stay put through scale-outs: strong cookie.
        affinity: SessionAffinity.strongCookie({
          name: 'SAO_ADMIN_SESSION',
          path: '/',
          ttl: Duration.seconds(7200),
        }),
        draining: Duration.seconds(120),
        healthCheckName: 'sao-health-check',
        healthCheckPath: '/health?source=lb&check=personality',
        maxRatePerInstance: 20,
        seed: 'CLIENT_IP, TTL 7200, drain 120',
      },
      {
        id: 'personality',
        name: 'mcp-personality-backend-global',
        // Requests that name a personality hash on it: every "Dr. Lucy" request lands on the
        // backend that has her state warm, whoever sends it. No TTL: it lasts as long as the
        // header value and the backend set do.
        affinity: SessionAffinity.header('X-Personality'),
        draining: Duration.seconds(60),
        healthCheckName: 'mcp-personality-route-health-check',
        healthCheckPath: '/health?source=lb&check=personality',
        maxRatePerInstance: 100,
        seed: '"personality-aware" stickiness (X-Personality header in the seed tests)',
      },
    ],
  };
}
