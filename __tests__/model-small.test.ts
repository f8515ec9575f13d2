/**
 * The small Google models at their edges, field by field (the round-trip tests cover the
 * common shapes): instance templates as the traffic path reads them, and the SSL policy's
 * scope. Each case is one a mutant of the model would change.
 */
import { readInstanceTemplate } from '../lib/terraform/google/instance-template';
import { renderSslPolicy } from '../lib/terraform/google/ssl-policy';

describe('readInstanceTemplate', () => {
  test('known tags, the service account e-mail and the first interface, as written', () => {
    expect(
      readInstanceTemplate({
        tags: ['web', 'lb-backend'],
        service_account: [{ email: 'web@p.iam.gserviceaccount.com', scopes: ['cloud-platform'] }],
        network_interface: [{ network: 'vpc-a', subnetwork: 'subnet-a' }, { network: 'vpc-b' }],
      }),
    ).toEqual({
      tags: ['web', 'lb-backend'],
      serviceAccounts: ['web@p.iam.gserviceaccount.com'],
      network: 'vpc-a',
      subnetwork: 'subnet-a',
    });
  });
  test('one unknown tag makes the tags unknown (undefined), not a shorter list', () => {
    expect(readInstanceTemplate({ tags: ['web', '${var.tag}'] }).tags).toBeUndefined();
    expect(readInstanceTemplate({ tags: ['${var.a}', '${var.b}'] }).tags).toBeUndefined();
  });
  test('no tags are no tags', () => {
    expect(readInstanceTemplate({}).tags).toEqual([]);
  });
  test('an unknown, absent or non-string e-mail is no known account', () => {
    expect(
      readInstanceTemplate({ service_account: [{ email: '${var.sa}' }] }).serviceAccounts,
    ).toBeUndefined();
    expect(readInstanceTemplate({ service_account: [{}] }).serviceAccounts).toBeUndefined();
    expect(
      readInstanceTemplate({ service_account: [{ email: 7 }] }).serviceAccounts,
    ).toBeUndefined();
    expect(readInstanceTemplate({}).serviceAccounts).toBeUndefined();
  });
  test('no network interface: network and subnetwork unknown (undefined), no error', () => {
    expect(readInstanceTemplate({})).toEqual({
      tags: [],
      serviceAccounts: undefined,
      network: undefined,
      subnetwork: undefined,
    });
  });
});

describe('renderSslPolicy', () => {
  const spec = { profile: 'RESTRICTED', min_tls_version: 'TLS_1_2' };
  test('global: no region key at all', () => {
    const config = renderSslPolicy(spec, { name: 'tls' });
    expect('region' in config).toBe(false);
    expect(config).toMatchObject({ name: 'tls', profile: 'RESTRICTED', minTlsVersion: 'TLS_1_2' });
  });
  test('regional: the region given', () => {
    expect(renderSslPolicy(spec, { name: 'tls', region: 'europe-west1' })).toMatchObject({
      region: 'europe-west1',
    });
  });
});
