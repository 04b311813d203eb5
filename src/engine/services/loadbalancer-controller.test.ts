import { describe, expect, it } from 'vitest';
import { testBed } from '../controllers/testbed';
import { loadBalancerComponent, serviceAllocationComponent } from './index';
import { serviceObject } from './test-helpers';

describe('LoadBalancer controller (MetalLB layer 2)', () => {
  it('leaves EXTERNAL-IP pending for a moment, then assigns the lowest free pool address', () => {
    const t = testBed([serviceAllocationComponent, loadBalancerComponent], { nodes: ['node-1'] });
    const { api } = t;
    api.create(serviceObject('web', { type: 'LoadBalancer' }));
    t.advance(500);
    expect(api.get('services', 'default', 'web').status?.loadBalancer?.ingress).toBeUndefined();
    t.advance(600);
    expect(api.get('services', 'default', 'web').status.loadBalancer).toEqual({
      ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }],
    });
    expect(t.takeEvents()).toEqual([
      'IPAllocated: Assigned IP ["172.18.255.200"]',
      'nodeAssigned: announcing from node "node-1" with protocol "layer2"',
    ]);
    api.create(serviceObject('api', { type: 'LoadBalancer' }));
    t.advance(1100);
    expect(api.get('services', 'default', 'api').status.loadBalancer.ingress[0].ip).toBe('172.18.255.201');
  });

  it('honours a requested address, reports a taken one, and withdraws the address when the type changes', () => {
    const t = testBed([serviceAllocationComponent, loadBalancerComponent]);
    const { api } = t;
    api.create(serviceObject('a', { type: 'LoadBalancer', loadBalancerIP: '172.18.255.240' }));
    t.advance(1100);
    expect(api.get('services', 'default', 'a').status.loadBalancer.ingress[0].ip).toBe('172.18.255.240');
    t.takeEvents();
    api.create(serviceObject('b', { type: 'LoadBalancer', loadBalancerIP: '172.18.255.240' }));
    t.advance(1100);
    expect(t.takeEvents()).toEqual([
      'AllocationFailed: Failed to allocate IP for "default/b": no available IPs',
    ]);
    const a = api.get('services', 'default', 'a');
    api.update({ ...a, spec: { ...a.spec, type: 'ClusterIP' } });
    t.advance(1100);
    expect(api.get('services', 'default', 'a').status.loadBalancer).toEqual({});
  });

  it('leaves a Service with another loadBalancerClass pending', () => {
    const t = testBed([serviceAllocationComponent, loadBalancerComponent]);
    t.api.create(serviceObject('x', { type: 'LoadBalancer', loadBalancerClass: 'service.k8s.aws/nlb' }));
    t.advance(5_000);
    expect(t.api.get('services', 'default', 'x').status?.loadBalancer?.ingress).toBeUndefined();
    expect(t.takeEvents()).toEqual([]);
  });
});
