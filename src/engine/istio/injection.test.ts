/** Installation and sidecar injection: what `kubectl get pods` shows before and after labelling. */
import { describe, expect, it } from 'vitest';
import { testCluster } from '../testing/fixtures';
import { installIstio, istioManifests } from './install';
import { apply, client, labelInjection, meshCluster, pod } from './testing';

const names = (list: { name: string }[] | undefined) => (list ?? []).map((c) => c.name);
const ready = (p: { status?: { containerStatuses?: { ready: boolean }[] } }) => {
  const s = p.status?.containerStatuses ?? [];
  return `${s.filter((x) => x.ready).length}/${s.length}`;
};

describe('istioctl install', () => {
  it('creates istiod and the gateways of the demo profile, with istioctl lines', () => {
    const c = testCluster();
    expect(installIstio(c.ctx, 'demo')).toEqual([
      '✔ Istio core installed ⛵️',
      '✔ Istiod installed 🧠',
      '✔ Egress gateways installed 🛫',
      '✔ Ingress gateways installed 🛬',
      '✔ Installation complete',
      'Made this installation the default for cluster-wide operations.',
    ]);
    c.advance(60_000);
    const deployments = c.api.store
      .list('deployments.apps', 'istio-system')
      .map((d) => `${d.metadata.name} ${d.status?.readyReplicas}`);
    expect(deployments.sort()).toEqual(['istio-egressgateway 1', 'istio-ingressgateway 1', 'istiod 1']);
    const gw = c.api.store.get('services', 'istio-system', 'istio-ingressgateway')!;
    expect(gw.spec?.type).toBe('LoadBalancer');
    expect(gw.spec?.ports.map((p: { name: string; port: number }) => `${p.name}:${p.port}`)).toEqual([
      'status-port:15021',
      'http2:80',
      'https:443',
      'tcp:31400',
      'tls:15443',
    ]);
    expect(istioManifests('default').map((o) => `${o.kind}/${o.metadata.name}`)).not.toContain(
      'Deployment/istio-egressgateway',
    );
  });
});

describe('sidecar injection', () => {
  it('adds istio-init and istio-proxy in a labelled namespace: READY 2/2', () => {
    const c = meshCluster();
    apply(c, [client()]);
    c.advance(30_000);
    const p = pod(c, 'sleep');
    expect(names(p.spec?.containers)).toEqual(['sleep', 'istio-proxy']);
    expect(names(p.spec?.initContainers)).toEqual(['istio-init']);
    expect(p.spec?.containers[1].image).toBe('docker.io/istio/proxyv2:1.24.2');
    expect(p.metadata.labels?.['security.istio.io/tlsMode']).toBe('istio');
    expect(JSON.parse(p.metadata.annotations?.['sidecar.istio.io/status'] ?? '{}').containers).toEqual([
      'istio-proxy',
    ]);
    expect(ready(p)).toBe('2/2');
    expect(p.status?.initContainerStatuses[0].state.terminated.reason).toBe('Completed');
  });

  it('leaves pods created before the label alone until they are recreated', () => {
    const c = meshCluster({ inject: false });
    apply(c, [client('before')]);
    labelInjection(c, 'default');
    apply(c, [client('after')]);
    c.advance(30_000);
    expect(ready(pod(c, 'before'))).toBe('1/1');
    expect(ready(pod(c, 'after'))).toBe('2/2');
  });

  it('honours sidecar.istio.io/inject: "false", and does nothing before istiod is installed', () => {
    const c = meshCluster();
    const optOut = client('opt-out');
    optOut.metadata.annotations = { 'sidecar.istio.io/inject': 'false' };
    apply(c, [optOut]);
    expect(names(pod(c, 'opt-out').spec?.containers)).toEqual(['opt-out']);
    const bare = testCluster();
    labelInjection(bare, 'default');
    apply(bare, [client()]);
    expect(names(pod(bare, 'sleep').spec?.containers)).toEqual(['sleep']);
  });
});
