/** istioctl through the lab shell: install, analyze, proxy-status, x describe pod. */
import { describe, expect, it } from 'vitest';
import { versionSubsets, weightedSplit } from '../../engine/istio/testing';
import { testCluster } from '../../engine/testing/fixtures';
import { createShell } from '../index';

function shell() {
  const cluster = testCluster();
  const sh = createShell(cluster, { files: { read: () => undefined, list: () => [] } });
  return { cluster, sh };
}

const labels = { app: 'helloworld', version: 'v1' };
const HELLO = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'helloworld-v1', namespace: 'default', labels },
  spec: {
    selector: { matchLabels: labels },
    template: {
      metadata: { labels },
      spec: {
        containers: [
          {
            name: 'helloworld',
            image: 'docker.io/istio/examples-helloworld-v1:1.0',
            ports: [{ containerPort: 5000 }],
          },
        ],
      },
    },
  },
};

describe('istioctl', () => {
  it('install prints the demo profile progress and creates istio-system', () => {
    const { cluster, sh } = shell();
    const r = sh.run('istioctl install --set profile=demo -y');
    expect(r.output).toBe(
      '✔ Istio core installed ⛵️\n✔ Istiod installed 🧠\n✔ Egress gateways installed 🛫\n✔ Ingress gateways installed 🛬\n✔ Installation complete\nMade this installation the default for cluster-wide operations.\n',
    );
    expect(cluster.ctx.api.store.get('deployments.apps', 'istio-system', 'istiod')).toBeDefined();
    expect(sh.run('istioctl install --set profile=nope -y')).toEqual({
      output: 'Error: generate config: unknown profile "nope"\n',
      exitCode: 1,
    });
  });

  it('analyze reports the namespace not injected, then missing hosts and subsets with exit code 79', () => {
    const { cluster, sh } = shell();
    sh.run('istioctl install --set profile=demo -y');
    expect(sh.run('istioctl analyze')).toEqual({
      output:
        "Info [IST0102] (Namespace default) The namespace is not enabled for Istio injection. Run 'kubectl label namespace default istio-injection=enabled' to enable it, or 'kubectl label namespace default istio-injection=disabled' to explicitly mark it as not needing injection.\n",
      exitCode: 0,
    });
    cluster.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'early', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
    });
    sh.run('kubectl label namespace default istio-injection=enabled');
    expect(sh.run('istioctl analyze')).toEqual({
      output:
        'Warning [IST0103] (Pod default/early) The pod default/early is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.\n',
      exitCode: 0,
    });
    sh.run('kubectl delete pod early --now');
    cluster.advance(5_000);
    expect(sh.run('istioctl analyze').output).toBe(
      '✔ No validation issues found when analyzing namespace: default.\n',
    );
    cluster.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'reviews', namespace: 'default' },
      spec: { selector: { app: 'reviews' }, ports: [{ port: 9080 }] },
    });
    cluster.ctx.api.create({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'reviews', namespace: 'default' },
      spec: {
        hosts: ['reviews'],
        gateways: ['reviews-gateway'],
        http: [
          {
            route: [{ destination: { host: 'reviews', subset: 'v4' } }, { destination: { host: 'reviewz' } }],
          },
        ],
      },
    });
    expect(sh.run('kubectl get vs').output).toBe(
      'NAME      GATEWAYS              HOSTS         AGE\nreviews   ["reviews-gateway"]   ["reviews"]   0s\n',
    );
    const r = sh.run('istioctl analyze');
    expect(r.exitCode).toBe(79);
    expect(r.output).toBe(
      [
        'Error [IST0101] (VirtualService default/reviews) Referenced gateway not found: "reviews-gateway"',
        'Error [IST0101] (VirtualService default/reviews) Referenced host not found: "reviewz"',
        'Error [IST0101] (VirtualService default/reviews) Referenced host+subset in destinationrule not found: "reviews+v4"',
        'Warning [IST0132] (VirtualService default/reviews) one or more host [reviews] defined in VirtualService default/reviews not found in Gateway default/reviews-gateway.',
        'Error: Analyzers found issues when analyzing namespace: default.',
        'See https://istio.io/v1.24/docs/reference/config/analysis for more information about causes and resolutions.',
        '',
      ].join('\n'),
    );
  });

  it('proxy-status lists every proxy; x describe pod shows subsets, weights and mTLS mode', () => {
    const { cluster, sh } = shell();
    sh.run('istioctl install --set profile=demo -y');
    sh.run('kubectl label namespace default istio-injection=enabled');
    const api = cluster.ctx.api;
    api.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'helloworld', namespace: 'default' },
      spec: { selector: { app: 'helloworld' }, ports: [{ name: 'http', port: 5000 }] },
    });
    api.create(HELLO);
    api.create(versionSubsets());
    api.create(weightedSplit(90));
    cluster.advance(60_000);
    const ps = sh.run('istioctl proxy-status').output.split('\n');
    expect(ps[0]).toMatch(/^NAME\s+CLUSTER\s+CDS\s+LDS\s+EDS\s+RDS\s+ECDS\s+ISTIOD\s+VERSION$/);
    expect(ps.slice(1, -1).map((l) => l.split(/\s+/)[0].replace(/-[a-z0-9]+-[a-z0-9]+\./, '.'))).toEqual([
      'helloworld-v1.default',
      'istio-egressgateway.istio-system',
      'istio-ingressgateway.istio-system',
    ]);
    expect(ps[1]).toMatch(
      / Kubernetes\s+SYNCED\s+SYNCED\s+SYNCED\s+SYNCED\s+IGNORED\s+istiod-[a-z0-9]+-[a-z0-9]+\s+1\.24\.2$/,
    );
    const pod = api.store.list('pods', 'default')[0].metadata.name;
    expect(sh.run(`istioctl x describe pod ${pod}`).output).toBe(
      [
        `Pod: ${pod}`,
        '   Pod Revision: default',
        '   Pod Ports: 5000 (helloworld), 15090 (istio-proxy)',
        '--------------------',
        'Service: helloworld',
        '   Port: http 5000/HTTP targets pod port 5000',
        'DestinationRule: helloworld for "helloworld"',
        '   Matching subsets: v1',
        '      (Non-matching subsets v2)',
        '   No Traffic Policy',
        'VirtualService: helloworld',
        '   Weight 90%',
        '--------------------',
        'Effective PeerAuthentication:',
        '   Workload mTLS mode: PERMISSIVE',
        '',
      ].join('\n'),
    );
    expect(sh.run('istioctl x describe pod nope')).toEqual({
      output: 'Error: pods "nope" not found\n',
      exitCode: 1,
    });
  });
});
