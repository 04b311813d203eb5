import { describe, expect, it } from 'vitest';
import type { StatusError } from '../api/errors';
import { testBed } from '../controllers/testbed';
import { serviceAllocationComponent } from './index';
import { parseCidr, parseIPv4 } from './ipv4';
import { serviceObject } from './test-helpers';

const bed = () => testBed([serviceAllocationComponent]);

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as StatusError).message;
  }
  throw new Error('expected an error');
}

describe('Service allocation (the Service REST storage)', () => {
  it('allocates a ClusterIP from the upper part of 10.96.0.0/12 and fills the IP family fields', () => {
    const { api } = bed();
    const svc = api.create(serviceObject('web'));
    const ip = parseIPv4(svc.spec.clusterIP)!;
    const cidr = parseCidr('10.96.0.0/12');
    expect(ip).toBeGreaterThanOrEqual(cidr.base + 1 + 256);
    expect(ip).toBeLessThan(cidr.base + cidr.size - 1);
    expect(svc.spec.clusterIPs).toEqual([svc.spec.clusterIP]);
    expect(svc.spec.ipFamilies).toEqual(['IPv4']);
    expect(svc.spec.ipFamilyPolicy).toBe('SingleStack');
  });

  it('is deterministic for a seed', () => {
    const a = bed().api.create(serviceObject('web')).spec.clusterIP;
    const b = bed().api.create(serviceObject('web')).spec.clusterIP;
    expect(a).toBe(b);
  });

  it('refuses an IP another Service holds, and frees it when that Service goes', () => {
    const { api } = bed();
    api.create(serviceObject('a', { clusterIP: '10.96.0.5' }));
    const msg = errorOf(() => api.create(serviceObject('b', { clusterIP: '10.96.0.5' })));
    expect(msg).toBe(
      'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.5"}: failed to allocate IP 10.96.0.5: provided IP is already allocated',
    );
    expect(api.tryGet('services', 'default', 'b')).toBeUndefined();
    api.delete('services', 'default', 'a');
    expect(api.create(serviceObject('b', { clusterIP: '10.96.0.5' })).spec.clusterIPs).toEqual(['10.96.0.5']);
  });

  it('refuses an IP outside the service CIDR', () => {
    const { api } = bed();
    expect(errorOf(() => api.create(serviceObject('a', { clusterIP: '10.0.0.5' })))).toBe(
      'Service "a" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('gives headless Services None and ExternalName Services no IP at all', () => {
    const { api } = bed();
    const headless = api.create(serviceObject('db', { clusterIP: 'None' }));
    expect(headless.spec.clusterIP).toBe('None');
    expect(headless.spec.clusterIPs).toEqual(['None']);
    expect(headless.spec.ipFamilyPolicy).toBe('SingleStack');
    const bare = api.create(serviceObject('ext', { selector: undefined, clusterIP: 'None' }));
    expect(bare.spec.ipFamilyPolicy).toBe('RequireDualStack');
    expect(bare.spec.ipFamilies).toEqual(['IPv4', 'IPv6']);
    const ext = api.create(
      serviceObject('mail', { type: 'ExternalName', externalName: 'mail.example.com', selector: undefined }),
    );
    expect(ext.spec.clusterIP).toBeUndefined();
    expect(ext.spec.ipFamilies).toBeUndefined();
  });

  it('allocates NodePorts from 30128-32767 and refuses one that is taken', () => {
    const { api } = bed();
    const svc = api.create(serviceObject('web', { type: 'NodePort' }));
    const np = svc.spec.ports[0].nodePort;
    expect(np).toBeGreaterThanOrEqual(30128);
    expect(np).toBeLessThanOrEqual(32767);
    const msg = errorOf(() =>
      api.create(
        serviceObject('other', { type: 'NodePort', ports: [{ port: 80, protocol: 'TCP', nodePort: np }] }),
      ),
    );
    expect(msg).toBe(
      `Service "other" is invalid: spec.ports[0].nodePort: Invalid value: ${np}: provided port is already allocated`,
    );
    expect(
      errorOf(() =>
        api.create(serviceObject('x', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] })),
      ),
    ).toBe(
      'Service "x" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
  });

  it('keeps allocated values on an update that omits them, drops NodePorts when the type goes back to ClusterIP', () => {
    const { api } = bed();
    const svc = api.create(serviceObject('web', { type: 'NodePort' }));
    const { clusterIP } = svc.spec;
    const np = svc.spec.ports[0].nodePort;
    const applied = api.update({
      ...svc,
      spec: {
        type: 'NodePort',
        selector: { app: 'web' },
        ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }],
      },
    });
    expect(applied.spec.clusterIP).toBe(clusterIP);
    expect(applied.spec.ports[0].nodePort).toBe(np);
    const back = api.update({ ...applied, spec: { ...applied.spec, type: 'ClusterIP' } });
    expect(back.spec.ports[0].nodePort).toBeUndefined();
    expect(back.spec.clusterIP).toBe(clusterIP);
    // The port is free again.
    const other = api.create(
      serviceObject('other', { type: 'NodePort', ports: [{ port: 80, nodePort: np }] }),
    );
    expect(other.spec.ports[0].nodePort).toBe(np);
  });

  it('shares one NodePort between the TCP and UDP entries of one port, and dry runs allocate nothing', () => {
    const { api } = bed();
    const dns = api.create(
      serviceObject('dns', {
        type: 'NodePort',
        ports: [
          { name: 'udp', port: 53, protocol: 'UDP' },
          { name: 'tcp', port: 53, protocol: 'TCP' },
        ],
      }),
    );
    expect(dns.spec.ports[0].nodePort).toBe(dns.spec.ports[1].nodePort);
    const dry = api.create(serviceObject('dry', { clusterIP: '10.96.0.7' }), { dryRun: true });
    expect(dry.spec.clusterIP).toBe('10.96.0.7');
    expect(api.create(serviceObject('real', { clusterIP: '10.96.0.7' })).spec.clusterIP).toBe('10.96.0.7');
  });

  it('allocates LoadBalancer NodePorts unless allocateLoadBalancerNodePorts is false', () => {
    const { api } = bed();
    expect(api.create(serviceObject('lb', { type: 'LoadBalancer' })).spec.ports[0].nodePort).toBeGreaterThan(
      30000,
    );
    const none = api.create(
      serviceObject('lb2', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false }),
    );
    expect(none.spec.ports[0].nodePort).toBeUndefined();
  });

  it('gives a LoadBalancer with externalTrafficPolicy Local a health-check NodePort, kept on update', () => {
    const { api } = bed();
    const svc = api.create(serviceObject('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local' }));
    const hc = svc.spec.healthCheckNodePort;
    expect(hc).toBeGreaterThanOrEqual(30128);
    expect(hc).not.toBe(svc.spec.ports[0].nodePort);
    const updated = api.update({ ...svc, spec: { ...svc.spec, healthCheckNodePort: undefined } });
    expect(updated.spec.healthCheckNodePort).toBe(hc);
    const cluster = api.update({ ...updated, spec: { ...updated.spec, externalTrafficPolicy: 'Cluster' } });
    expect(cluster.spec.healthCheckNodePort).toBeUndefined();
  });
});
