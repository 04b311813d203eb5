/** mTLS between sidecars, PeerAuthentication modes and AuthorizationPolicy decisions. */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { curlFailure } from '../network/tool-output';
import { apply, client, HELLO, meshCluster, meshOf, net, pod, svc, versioned } from './testing';

function setup() {
  const c = meshCluster();
  c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } });
  c.api.create({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'sleep', namespace: 'default' },
  });
  apply(c, [
    svc('helloworld', 5000),
    versioned('helloworld', 'v1', HELLO('v1'), 5000),
    client('sleep', 'default', 'sleep'),
    client('other'),
    client('plain', 'legacy'),
  ]);
  c.advance(60_000);
  return c;
}

const pa = (namespace: string, spec: unknown, name = 'default'): KObject => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: { name, namespace },
  spec,
});

const URL = 'http://helloworld.default:5000/hello';

describe('PeerAuthentication', () => {
  it('PERMISSIVE by default: plaintext and mTLS clients both get through, telemetry tells them apart', () => {
    const c = setup();
    const a = net(c).request(pod(c, 'sleep'), URL);
    const b = net(c).request(pod(c, 'plain', 'legacy'), URL);
    expect([a.ok && a.status, b.ok && b.status]).toEqual([200, 200]);
    const edges = meshOf(c)
      .telemetry.edgeStats(c.clock.now())
      .map((e) => `${e.source} -> ${e.destination} mtls=${e.mtls}`);
    expect(edges).toEqual([
      'default/sleep -> default/helloworld-v1 mtls=true',
      'legacy/plain -> default/helloworld-v1 mtls=false',
    ]);
  });

  it('STRICT resets plaintext connections as curl reports them; sidecars still connect', () => {
    const c = setup();
    apply(c, [pa('istio-system', { mtls: { mode: 'STRICT' } })]);
    const plain = net(c).request(pod(c, 'plain', 'legacy'), URL);
    expect(plain.ok).toBe(false);
    if (!plain.ok)
      expect(curlFailure(plain).message).toBe('curl: (56) Recv failure: Connection reset by peer');
    const meshed = net(c).request(pod(c, 'sleep'), URL);
    expect(meshed.ok && meshed.status).toBe(200);
  });

  it('namespace and workload scope override the mesh, port-level wins for its port', () => {
    const c = setup();
    apply(c, [
      pa('istio-system', { mtls: { mode: 'STRICT' } }),
      pa('default', { mtls: { mode: 'PERMISSIVE' } }),
    ]);
    expect(net(c).request(pod(c, 'plain', 'legacy'), URL).ok).toBe(true);
    apply(c, [
      pa(
        'default',
        {
          selector: { matchLabels: { app: 'helloworld' } },
          mtls: { mode: 'STRICT' },
          portLevelMtls: { 5000: { mode: 'DISABLE' } },
        },
        'hello',
      ),
    ]);
    expect(net(c).request(pod(c, 'plain', 'legacy'), URL).ok).toBe(true);
    c.api.delete('peerauthentications.security.istio.io', 'default', 'hello');
    apply(c, [
      pa('default', { selector: { matchLabels: { app: 'helloworld' } }, mtls: { mode: 'STRICT' } }, 'hello2'),
    ]);
    expect(net(c).request(pod(c, 'plain', 'legacy'), URL).ok).toBe(false);
  });
});

describe('AuthorizationPolicy', () => {
  const ap = (spec: unknown, name = 'hello'): KObject => ({
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'helloworld' } }, ...(spec as object) },
  });

  it('ALLOW by principal: other callers get 403 RBAC: access denied', () => {
    const c = setup();
    apply(c, [
      ap({
        action: 'ALLOW',
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/default/sa/sleep'] } }] }],
      }),
    ]);
    const allowed = net(c).request(pod(c, 'sleep'), URL);
    expect(allowed.ok && allowed.status).toBe(200);
    const denied = net(c).request(pod(c, 'other'), URL);
    expect(denied.ok && [denied.status, denied.body]).toEqual([403, 'RBAC: access denied']);
    const plain = net(c).request(pod(c, 'plain', 'legacy'), URL);
    expect(plain.ok && plain.status).toBe(403);
  });

  it('ALLOW by namespace, DENY by method and path', () => {
    const c = setup();
    apply(c, [
      ap({ action: 'ALLOW', rules: [{ from: [{ source: { namespaces: ['default'] } }] }] }),
      ap(
        { action: 'DENY', rules: [{ to: [{ operation: { methods: ['POST'], paths: ['/hello*'] } }] }] },
        'no-post',
      ),
    ]);
    const sleep = pod(c, 'sleep');
    const get = net(c).request(sleep, URL);
    expect(get.ok && get.status).toBe(200);
    const post = net(c).request(sleep, URL, { method: 'POST' });
    expect(post.ok && post.status).toBe(403);
    const legacy = net(c).request(pod(c, 'plain', 'legacy'), URL);
    expect(legacy.ok && legacy.status).toBe(403);
  });

  it('an ALLOW policy with no rules denies everything', () => {
    const c = setup();
    apply(c, [ap({})]);
    const r = net(c).request(pod(c, 'sleep'), URL);
    expect(r.ok && r.status).toBe(403);
  });
});
