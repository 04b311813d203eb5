/** The installed ingress-nginx controller runs in a full cluster: its image is in the catalog, it starts and passes its probes. */
import { describe, expect, it } from 'vitest';
import { createShell } from '../../cli';
import { createCluster } from '../cluster';
import { installIngressNginx } from './index';

describe('ingress-nginx controller pod', () => {
  it('pulls registry.k8s.io/ingress-nginx/controller:v1.12.0, becomes Ready and logs the release banner', () => {
    const cluster = createCluster({ seed: 3 });
    installIngressNginx(cluster.ctx);
    cluster.advance(60_000);
    const shell = createShell(cluster, {});
    const pods = shell.run('kubectl get pods -n ingress-nginx --no-headers').output.trim().split('\n');
    expect(pods).toHaveLength(1);
    expect(pods[0]).toMatch(/^ingress-nginx-controller-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+/);
    const name = pods[0].split(/\s+/)[0];
    const logs = shell.run(`kubectl logs -n ingress-nginx ${name}`).output;
    expect(logs).toContain('NGINX Ingress controller\n  Release:       v1.12.0\n');
    expect(logs).toContain('  nginx version: nginx/1.25.5\n');
    expect(shell.run('kubectl get deploy -n ingress-nginx --no-headers').output).toMatch(
      /^ingress-nginx-controller\s+1\/1\s+1\s+1\s+/,
    );
  });
});
