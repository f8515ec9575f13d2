import { spawn } from 'child_process';
import * as net from 'net';
import { TerraformStack, Testing } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { DrainingPolicy, Duration, GuacdStatefulPool, GuacdStatefulPoolProps } from '../lib';
import { drainScript } from '../lib/k8s/pod-draining';
import { GuacdClusterStack } from '../stacks/guacd-cluster-stack';
import { GUACD_CLUSTERS } from '../stacks/guacd-topology';
import { errorOf, only, resources, synthApp, synthJson, warningsOf } from './helpers';

const web = { 'app.kubernetes.io/name': 'guacamole' };

function pool(p: Partial<GuacdStatefulPoolProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'k8s');
  new KubernetesProvider(stack, 'kubernetes', {});
  const construct = new GuacdStatefulPool(stack, 'guacd', { webPodSelector: web, ...p });
  return { stack, construct, json: synthJson(stack) };
}
const fails = (p: Partial<GuacdStatefulPoolProps>) => errorOf(() => pool(p));
const services = (json: any) => Object.values<any>(resources(json, 'kubernetes_service_v1'));
const sts = (json: any) => only(json, 'kubernetes_stateful_set_v1');

describe('guacd reference deployment (seed 004): one stack per cluster', () => {
  let result: ReturnType<typeof synthApp>;
  beforeAll(() => {
    result = synthApp((app) => {
      for (const c of GUACD_CLUSTERS) new GuacdClusterStack(app, `guacd-${c.cluster}`, c);
    });
  });

  test('stacks and no warnings', () => {
    expect(Object.keys(result.stacks).sort()).toEqual([
      'guacd-tutorpro360-classroom',
      'guacd-tutorpro360-lecture-hall',
    ]);
    expect(Object.values(result.warnings).flat()).toEqual([]);
  });

  test('a kubeconfig cluster: path and context, no Google provider', () => {
    const json = result.stacks['guacd-tutorpro360-classroom'];
    expect(json.provider.kubernetes).toEqual([
      { config_path: '~/.kube/config', config_context: 'tutorpro360-classroom' },
    ]);
    expect(json.provider.google).toBeUndefined();
  });

  test('a GKE cluster: endpoint, CA certificate and a token of the caller, no kubeconfig', () => {
    const json = result.stacks['guacd-tutorpro360-lecture-hall'];
    const cluster = json.data.google_container_cluster.cluster;
    expect(cluster).toMatchObject({
      name: 'lecture-hall',
      location: 'us-central1',
      project: 'tutorpro360',
    });
    expect(json.data.google_client_config.client).toEqual({});
    expect(json.provider.google).toEqual([{ project: 'tutorpro360' }]);
    expect(json.provider.kubernetes).toEqual([
      {
        host: 'https://${data.google_container_cluster.cluster.endpoint}',
        token: '${data.google_client_config.client.access_token}',
        cluster_ca_certificate:
          '${base64decode(data.google_container_cluster.cluster.master_auth[0].cluster_ca_certificate)}',
      },
    ]);
  });

  test.each([
    ['guacd-tutorpro360-classroom', 3, 3600, 1800],
    ['guacd-tutorpro360-lecture-hall', 10, 3600, 2700],
  ])('%s: %i replicas, ClientIP %is, drain %is', (stack, replicas, affinity, drain) => {
    const json = result.stacks[stack];
    const set = sts(json);
    expect(set.spec.replicas).toBe(String(replicas));
    const pod = set.spec.template.spec;
    expect(pod.termination_grace_period_seconds).toBe(drain + 15);
    expect(pod.termination_grace_period_seconds).toBeGreaterThan(drain);
    expect(pod.container[0].lifecycle.pre_stop[0].exec.command[2]).toContain(`+ ${drain} ))`);
    const affinitySvc = services(json).find((s) => s.spec.session_affinity === 'ClientIP');
    expect(affinitySvc.metadata.name).toBe('guacd-service');
    expect(affinitySvc.spec.session_affinity_config.client_ip.timeout_seconds).toBe(affinity);
    // One per-pod Service per replica, each selecting exactly its pod.
    const perPod = services(json).filter(
      (s) => s.spec.selector?.['statefulset.kubernetes.io/pod-name'],
    );
    expect(perPod.map((s) => s.spec.selector['statefulset.kubernetes.io/pod-name'])).toEqual(
      Array.from({ length: replicas }, (_, i) => `${set.metadata.name}-${i}`),
    );
    for (const s of perPod)
      expect(s.metadata.name).toBe(s.spec.selector['statefulset.kubernetes.io/pod-name']);
    expect(only(json, 'kubernetes_pod_disruption_budget_v1').spec.max_unavailable).toBe('1');
    const addresses = Object.values<any>(json.output).find((o) => Array.isArray(o.value));
    expect(addresses.value).toEqual(
      Array.from(
        { length: replicas },
        (_, i) => `${set.metadata.name}-${i}.guacamole.svc.cluster.local:4822`,
      ),
    );
  });

  test('the seed pool uses the seed resources', () => {
    const c = sts(result.stacks['guacd-tutorpro360-classroom']).spec.template.spec.container[0];
    expect(c.resources).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    expect(c.image).toBe('guacamole/guacd:1.6.0');
  });

  test.each(['guacd-tutorpro360-classroom', 'guacd-tutorpro360-lecture-hall'])(
    'snapshot of %s',
    (name) => {
      expect(result.stacks[name]).toMatchSnapshot();
    },
  );
});

describe('GuacdStatefulPool renders', () => {
  let json: any;
  let construct: GuacdStatefulPool;
  beforeAll(() => ({ json, construct } = pool()));

  test('per-pod selectors equal the StatefulSet pod names, and addresses are exposed', () => {
    expect(construct.podNames).toEqual([
      'guacd-stateful-0',
      'guacd-stateful-1',
      'guacd-stateful-2',
    ]);
    expect(construct.podAddresses[0]).toBe('guacd-stateful-0.guacamole.svc.cluster.local:4822');
    const set = sts(json);
    expect(set.spec.template.metadata.labels).toMatchObject(set.spec.selector.match_labels);
    const perPod = services(json).filter(
      (s) => s.spec.selector?.['statefulset.kubernetes.io/pod-name'],
    );
    for (const s of perPod) {
      // Every other selector label is a label of the pods.
      const { ['statefulset.kubernetes.io/pod-name']: _pod, ...rest } = s.spec.selector;
      expect(set.spec.template.metadata.labels).toMatchObject(rest);
    }
    const headless = services(json).find((s) => s.spec.cluster_ip === 'None');
    expect(set.spec.service_name).toBe(headless.metadata.name);
  });

  test('restricted pod security', () => {
    const pod = sts(json).spec.template.spec;
    expect(pod.security_context).toMatchObject({
      run_as_non_root: true,
      run_as_user: '1000',
      run_as_group: '1000',
      seccomp_profile: { type: 'RuntimeDefault' },
    });
    expect(pod.automount_service_account_token).toBe(false);
    const c = pod.container[0];
    expect(c.security_context).toMatchObject({
      run_as_user: '1000',
      read_only_root_filesystem: true,
      allow_privilege_escalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(c.volume_mount.map((v: any) => v.mount_path).sort()).toEqual(['/home/guacd', '/tmp']);
    for (const probe of ['startup_probe', 'readiness_probe', 'liveness_probe'])
      expect(c[probe].tcp_socket).toEqual([{ port: 'guacd' }]);
  });

  test('network policy: only the web pods reach 4822; egress only DNS and the remote-desktop targets', () => {
    const np = only(json, 'kubernetes_network_policy_v1').spec;
    expect(np.policy_types).toEqual(['Ingress', 'Egress']);
    expect(np.ingress).toEqual([
      {
        from: [{ pod_selector: { match_labels: web } }],
        ports: [{ port: '4822', protocol: 'TCP' }],
      },
    ]);
    expect(np.egress[0].ports.map((p: any) => p.port)).toEqual(['53', '53']);
    expect(np.egress[1].to.map((t: any) => t.ip_block.cidr)).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
    ]);
    const cross = only(pool({ webNamespace: 'web' }).json, 'kubernetes_network_policy_v1').spec
      .ingress[0].from[0];
    expect(cross.namespace_selector).toEqual({
      match_labels: { 'kubernetes.io/metadata.name': 'web' },
    });
  });

  test('no egress targets means no open-ended egress rule (and a warning)', () => {
    const r = pool({ remoteDesktopCidrs: [] });
    expect(only(r.json, 'kubernetes_network_policy_v1').spec.egress).toHaveLength(1);
    expect(warningsOf(r.stack).join()).toMatch(/cannot open any remote desktop/);
  });

  test('observability: recommended pod labels (not in the selector) and a session-count command per pod', () => {
    const set = sts(json);
    expect(set.spec.template.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'guacd',
      'app.kubernetes.io/instance': 'guacd-stateful',
      'app.kubernetes.io/component': 'remote-desktop-proxy',
      'app.kubernetes.io/part-of': 'guacamole',
      'app.kubernetes.io/version': '1.6.0',
    });
    expect(set.spec.selector.match_labels).toEqual({
      'app.kubernetes.io/name': 'guacd',
      'app.kubernetes.io/instance': 'guacd-stateful',
    });
    expect(construct.sessionCountCommands).toHaveLength(3);
    expect(construct.sessionCountCommands[1]).toMatch(
      /^kubectl exec -n guacamole guacd-stateful-1 -c guacd -- sh -c '.*12D6.*' \| wc -l'$|wc -l'$/,
    );
    expect(
      sts(
        pool({
          image:
            'guacamole/guacd@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        }).json,
      ).spec.template.metadata.labels['app.kubernetes.io/version'],
    ).toBeUndefined();
  });

  test('rollout timeouts cover replicas × grace', () => {
    const set = sts(json);
    expect(set.wait_for_rollout).toBe(true);
    const minutes = parseInt(set.timeouts.update, 10);
    expect(minutes * 60).toBeGreaterThanOrEqual(
      3 * set.spec.template.spec.termination_grace_period_seconds,
    );
  });

  test('the drain script counts ESTABLISHED connections on 4822 (0x12D6) and polls', () => {
    const script = drainScript(4822, 600, 5);
    expect(script).toContain(':12D6$/ && $4 == "01"');
    expect(script).toContain('+ 600 ))');
    expect(script).toContain('sleep 5');
    expect(script).not.toContain('${'); // would be Terraform interpolation
  });
});

describe('GuacdStatefulPool rules (K1–K9)', () => {
  test('K1: ClientIP timeout 1..86400 s', () => {
    expect(fails({ sessionAffinityTimeout: Duration.days(2) })).toMatch(
      /sessionAffinityTimeout 2 days \(172800s\) is out of range \(allowed: 1s..86400s \(1 day\)\).*rule K1/,
    );
    expect(fails({ sessionAffinityTimeout: Duration.seconds(0) })).toMatch(/rule K1/);
    expect(sts(pool({ sessionAffinityTimeout: Duration.days(1) }).json)).toBeDefined();
  });

  test('K2: replicas from users (20 per pod), 0 replicas park the pool, users per pod > 0, not both', () => {
    expect(pool({ concurrentUsers: 60 }).construct.replicas).toBe(3);
    expect(pool({ concurrentUsers: 100 }).construct.replicas).toBe(5);
    expect(pool({ concurrentUsers: 200 }).construct.replicas).toBe(10);
    expect(pool({ concurrentUsers: 45, usersPerPod: 15 }).construct.replicas).toBe(3);
    // 0 is a valid StatefulSet (a parked pool): a warning, no per-pod Service, a sane timeout.
    const parked = pool({ replicas: 0 });
    expect(warningsOf(parked.stack).join()).toMatch(/replicas 0 runs no guacd pod.*rule K2/);
    expect(services(parked.json).filter((s: any) => s.metadata.labels['pinned-pod'])).toEqual([]);
    expect(sts(parked.json).timeouts.update).not.toBe('0m');
    expect(fails({ replicas: -1 })).toMatch(/replicas -1 is out of range.*rule K2/);
    expect(fails({ usersPerPod: 0, concurrentUsers: 10 })).toMatch(
      /usersPerPod 0 must be a finite number greater than 0/,
    );
    expect(fails({ replicas: 3, concurrentUsers: 60 })).toMatch(
      /given together with concurrentUsers/,
    );
  });

  test('K3: DNS-1035 names, including the last per-pod Service', () => {
    expect(fails({ name: 'Guacd' })).toMatch(
      /name "Guacd" is not a Kubernetes DNS-1035 label.*fix: set name to e.g. "guacd" \[rule N2\]/,
    );
    expect(fails({ name: 'g'.repeat(62), replicas: 12 })).toMatch(
      /name "g{62}" is 62 characters long.*controller-revision-hash.*<name>-11 and <name>-headless.*fix: set name to e.g. "g{52}" \[rule K3\]/,
    );
    expect(fails({ namespace: 'bad_ns' })).toMatch(
      /namespace "bad_ns" is not a Kubernetes DNS-1123 label.*"bad-ns" \[rule N3\]/,
    );
  });

  test('K4: drain settings; grace is always longer than the drain; waitForRollout false warns', () => {
    expect(
      fails({
        draining: DrainingPolicy.withOptions({
          timeout: Duration.minutes(5),
          shutdownMargin: Duration.seconds(0),
        }),
      }),
    ).toMatch(/draining.shutdownMargin 0s is out of range.*rule K4/);
    expect(
      fails({
        draining: DrainingPolicy.withOptions({
          timeout: Duration.minutes(5),
          pollInterval: Duration.seconds(0),
        }),
      }),
    ).toMatch(/draining.pollInterval/);
    expect(
      pool({ draining: DrainingPolicy.of(Duration.seconds(90)) }).construct
        .terminationGracePeriodSeconds,
    ).toBe(105);
    expect(warningsOf(pool({ waitForRollout: false }).stack).join()).toMatch(
      /waitForRollout false makes terraform apply return before pods are replaced/,
    );
  });

  test('K5: resource quantities; K3: web namespace name', () => {
    expect(fails({ resources: { memoryLimit: '512MB' } })).toMatch(
      /resources.memoryLimit "512MB" is not a Kubernetes quantity.*rule K5/,
    );
    expect(fails({ resources: { cpuRequest: '1 core' } })).toMatch(
      /resources.cpuRequest "1 core".*500m/,
    );
    const c = sts(pool({ resources: { cpuLimit: '1', memoryLimit: '1Gi' } }).json).spec.template
      .spec.container[0];
    expect(c.resources.limits).toEqual({ cpu: '1', memory: '1Gi' });
    expect(fails({ webNamespace: 'Web_NS' })).toMatch(
      /webNamespace "Web_NS" is not a Kubernetes DNS-1123 label.*"web-ns"/,
    );
  });

  test('K6: ports and uid', () => {
    expect(fails({ remoteDesktopPorts: [70000] })).toMatch(
      /remoteDesktopPorts 70000 is out of range.*rule K6/,
    );
    expect(fails({ runAsUser: 0 })).toMatch(/runAsUser 0 is out of range/);
  });

  test('K7: unpinned images warn', () => {
    expect(warningsOf(pool({ image: 'guacamole/guacd:latest' }).stack).join()).toMatch(
      /is not pinned.*guacamole\/guacd:1.6.0/,
    );
    expect(warningsOf(pool({ image: 'guacamole/guacd' }).stack).join()).toMatch(/rule K7/);
    expect(
      warningsOf(
        pool({
          image:
            'registry:5000/guacd@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        }).stack,
      ),
    ).toEqual([]);
  });

  test('K8/K9: web selector required, CIDRs valid', () => {
    expect(fails({ webPodSelector: {} })).toMatch(
      /webPodSelector \{\} would select every pod.*rule K8/,
    );
    expect(fails({ remoteDesktopCidrs: ['10.0.0.0/33'] })).toMatch(/"10.0.0.0\/33" is not a CIDR/);
  });
});

describe('the preStop drain script, run for real against TCP connections', () => {
  // The script reads /proc/net/tcp{,6} (Linux): what the kubelet runs in the guacd container.

  function runScript(port: number, timeout: number): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    return new Promise((resolve) => {
      const p = spawn('/bin/sh', ['-c', drainScript(port, timeout, 1)]);
      p.on('exit', (code) => resolve({ code, ms: Date.now() - started }));
    });
  }

  async function listener(): Promise<{ server: net.Server; port: number }> {
    const server = net.createServer((socket) => socket.on('error', () => undefined));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return { server, port: (server.address() as net.AddressInfo).port };
  }

  // Bounds come from the script's own timeouts, with slack for a loaded 2-core machine: the
  // script polls every POLL seconds and gives up after its timeout (whole seconds of `date`).
  const POLL = 1;
  const LONG = 60; // a drain timeout no test should ever reach
  const JEST_TIMEOUT = (LONG + 30) * 1000;

  test(
    'returns at once when no session is open',
    async () => {
      const { server, port } = await listener();
      const r = await runScript(port, LONG);
      server.close();
      expect(r.code).toBe(0);
      // Well before the drain timeout: it did not wait for it.
      expect(r.ms).toBeLessThan((LONG / 2) * 1000);
    },
    JEST_TIMEOUT,
  );

  test(
    'waits while a session is open and returns soon after it ends',
    async () => {
      const { server, port } = await listener();
      const client = net.connect(port, '127.0.0.1');
      await new Promise<void>((r) => client.on('connect', () => r()));
      const openFor = 2500;
      setTimeout(() => client.destroy(), openFor);
      const r = await runScript(port, LONG);
      server.close();
      expect(r.code).toBe(0);
      // It waited for the session (minus the start-up of the script) ...
      expect(r.ms).toBeGreaterThanOrEqual(openFor - POLL * 1000);
      // ... and returned because the session ended, not because the drain timed out.
      expect(r.ms).toBeLessThan(LONG * 1000 - 5000);
    },
    JEST_TIMEOUT,
  );

  test(
    'gives up at the drain timeout when the session stays open',
    async () => {
      const { server, port } = await listener();
      const client = net.connect(port, '127.0.0.1');
      await new Promise<void>((r) => client.on('connect', () => r()));
      const timeout = 3;
      const r = await runScript(port, timeout);
      client.destroy();
      server.close();
      expect(r.code).toBe(0);
      // `date +%s` has whole seconds: the wait is at least timeout - 1 s.
      expect(r.ms).toBeGreaterThanOrEqual((timeout - 1) * 1000);
      // One more poll at most, plus generous slack for a loaded machine.
      expect(r.ms).toBeLessThan((timeout + POLL) * 1000 + 20_000);
    },
    JEST_TIMEOUT,
  );
});
