/** istioctl: install --set meshConfig.outboundTrafficPolicy.mode, analyze on Gateway credentials and ServiceEntry hosts. */
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../engine/testing/fixtures';
import { createShell } from '../index';

function shell() {
  const cluster = testCluster();
  const sh = createShell(cluster, { files: { read: () => undefined, list: () => [] } });
  sh.run('kubectl label namespace default istio-injection=enabled');
  return { cluster, sh };
}

describe('istioctl install --set meshConfig', () => {
  it('writes the outbound traffic policy into the istio ConfigMap, and a later install resets it', () => {
    const { sh } = shell();
    const r = sh.run(
      'istioctl install --set profile=demo --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY -y',
    );
    expect(r.exitCode).toBe(0);
    const mesh = () =>
      sh.run(`kubectl get configmap istio -n istio-system -o jsonpath='{.data.mesh}'`).output;
    expect(mesh()).toContain('outboundTrafficPolicy:\n  mode: REGISTRY_ONLY\n');
    sh.run('istioctl install --set profile=demo -y');
    expect(mesh()).not.toContain('outboundTrafficPolicy');
    expect(sh.run('istioctl install --set meshConfig.outboundTrafficPolicy.mode=DENY -y')).toEqual({
      output:
        'Error: generate config: unknown value "DENY" for enum istio.mesh.v1alpha1.MeshConfig_OutboundTrafficPolicy_Mode\n',
      exitCode: 1,
    });
  });
});

describe('istioctl analyze', () => {
  it('IST0101 for a Gateway credentialName with no Secret in the gateway namespace', () => {
    const { cluster, sh } = shell();
    sh.run('istioctl install --set profile=demo -y');
    cluster.advance(30_000);
    cluster.ctx.api.create({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 443, name: 'https', protocol: 'HTTPS' },
            hosts: ['web.example.com'],
            tls: { mode: 'SIMPLE', credentialName: 'web-credential' },
          },
        ],
      },
    });
    // In the Gateway's own namespace it does not count: the gateway pod reads istio-system.
    cluster.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'web-credential', namespace: 'default' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' },
    });
    expect(sh.run('istioctl analyze')).toEqual({
      output:
        'Error [IST0101] (Gateway default/web) Referenced credentialName not found: "web-credential"\nError: Analyzers found issues when analyzing namespace: default.\nSee https://istio.io/v1.24/docs/reference/config/analysis for more information about causes and resolutions.\n',
      exitCode: 79,
    });
    cluster.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'web-credential', namespace: 'istio-system' },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' },
    });
    expect(sh.run('istioctl analyze').output).toBe(
      '✔ No validation issues found when analyzing namespace: default.\n',
    );
  });

  it('IST0132 when no host of a VirtualService is served by its Gateway', () => {
    const { cluster, sh } = shell();
    sh.run('istioctl install --set profile=demo -y');
    cluster.ctx.api.create({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { istio: 'ingressgateway' },
        servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*/web.example.com'] }],
      },
    });
    cluster.ctx.api.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    cluster.ctx.api.create({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        hosts: ['shop.example.com', 'www.example.com'],
        gateways: ['web'],
        http: [{ route: [{ destination: { host: 'web' } }] }],
      },
    });
    expect(sh.run('istioctl analyze')).toEqual({
      output:
        'Warning [IST0132] (VirtualService default/web) one or more host [shop.example.com www.example.com] defined in VirtualService default/web not found in Gateway default/web.\n',
      exitCode: 0,
    });
    cluster.ctx.api.patch('virtualservices.networking.istio.io', 'default', 'web', 'merge', {
      spec: { hosts: ['web.example.com'] },
    });
    expect(sh.run('istioctl analyze').output).toBe(
      '✔ No validation issues found when analyzing namespace: default.\n',
    );
  });

  it('a VirtualService routing to a ServiceEntry host is not a missing host', () => {
    const { cluster, sh } = shell();
    sh.run('istioctl install --set profile=demo -y');
    const vs = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'httpbin', namespace: 'default' },
      spec: { hosts: ['httpbin.org'], http: [{ route: [{ destination: { host: 'httpbin.org' } }] }] },
    };
    cluster.ctx.api.create(vs);
    expect(sh.run('istioctl analyze').output).toContain(
      'Error [IST0101] (VirtualService default/httpbin) Referenced host not found: "httpbin.org"',
    );
    cluster.ctx.api.create({
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: { name: 'httpbin', namespace: 'default' },
      spec: {
        hosts: ['httpbin.org'],
        location: 'MESH_EXTERNAL',
        resolution: 'DNS',
        ports: [{ number: 80, name: 'http', protocol: 'HTTP' }],
      },
    });
    expect(sh.run('istioctl analyze').output).toBe(
      '✔ No validation issues found when analyzing namespace: default.\n',
    );
  });
});
