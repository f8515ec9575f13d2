/**
 * Load-balancer frontends over plain Terraform: URL maps (U1-U3), HTTPS and SSL proxies (X2)
 * and port-80 forwarding rules (X3). Each resource is read by its model
 * (lib/terraform/google) and the constructs' rule functions run on the result.
 */
import { Reporter } from './reporter';
import { RuleLevel } from '../core/rule-registry';
import { checkHttpRedirects, checkSslPolicy } from '../gcp/frontend-security-rules';
import { validateRoutes } from '../gcp/url-map-rules';
import { Vocabulary } from '../core/rules';
import { ResourceIndex } from '../terraform/resource';
import {
  MAX_FORWARDING_RULE_PORTS,
  readForwardingRule,
  servesPort80,
} from '../terraform/google/forwarding-rule';
import { readSslPolicy } from '../terraform/google/ssl-policy';
import { readTargetProxy } from '../terraform/google/target-proxy';
import { readUrlMap, urlMapAttribute } from '../terraform/google/url-map';
import {
  FORWARDING_RULES,
  HTTPS_PROXIES,
  HTTP_PROXIES,
  SSL_POLICIES,
  URL_MAPS,
} from '../terraform/types';

/** U1-U3, X2 and X3 over the frontends of `idx`. */
export function checkFrontends(idx: ResourceIndex, out: Reporter): void {
  // URL maps (U1-U3), one route table per path matcher.
  for (const map of idx.ofTypes(URL_MAPS)) {
    const routes = validateRoutes(readUrlMap(map).routeTables, Vocabulary.TERRAFORM).map((v) => ({
      ...v,
      attribute: urlMapAttribute(v.attribute),
    }));
    out.report(map, RuleLevel.ERROR, routes);
  }

  // HTTPS proxies (X2) and port 80 (X3): the registry's basis gives the level on plain
  // Terraform (a weak policy is a standard's warning; a value the pinned provider refuses is
  // an error), the constructs refuse both.
  for (const proxy of idx.ofTypes(HTTPS_PROXIES)) {
    const [policy] = idx.referenced(proxy, 'ssl_policy', SSL_POLICIES);
    if (!policy && readTargetProxy(proxy).sslPolicyGiven) continue; // a policy outside: unknown
    const x2 = checkSslPolicy(policy ? readSslPolicy(policy.values) : undefined, 'ssl_policy');
    out.report(proxy, RuleLevel.ERROR, x2);
  }

  // Port 80 from the internet only redirects (X3); at most 5 ports (U9).
  for (const rule of idx.ofTypes(FORWARDING_RULES)) {
    const fr = readForwardingRule(rule);
    if (fr.ports.length > MAX_FORWARDING_RULE_PORTS)
      out.report(rule, RuleLevel.ERROR, [
        {
          rule: 'U9',
          attribute: 'ports',
          value: `[${fr.ports.join(', ')}]`,
          problem: `lists ${fr.ports.length} ports; the provider takes at most ${MAX_FORWARDING_RULE_PORTS} and refuses the plan`,
          allowed: `1..${MAX_FORWARDING_RULE_PORTS} ports, a port_range, or all_ports = true`,
          fix: 'set all_ports = true, or split the ports over two forwarding rules',
        },
      ]);
    if (!servesPort80(fr)) continue;
    // Port 80 inside a VPC (internal Application LBs) carries no traffic from the internet.
    if (!fr.scheme.startsWith('EXTERNAL')) continue;
    const [proxy] = idx.referenced(rule, 'target', HTTP_PROXIES);
    if (!proxy) continue; // port 80 to a TCP proxy or a backend: not an HTTP frontend
    const [urlMap] = idx.referenced(proxy, 'url_map', URL_MAPS);
    if (!urlMap) continue; // the URL map is not in this configuration: nothing to judge
    out.report(
      rule,
      RuleLevel.ERROR,
      checkHttpRedirects(readUrlMap(urlMap).redirect, 'port_range'),
    );
  }
}
