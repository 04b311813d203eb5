/**
 * The scheduler's per-pod shortcuts must decide exactly what the plain computations decide: runFilters
 * (which skips plugins that cannot fail) against the full FILTERS chain, and podRequests' shared
 * single-container results against the general sum.
 */
import { describe, expect, it } from 'vitest';
import type { KObject, StoredObject } from '../api/types';
import { pod, testCluster } from '../testing/fixtures';
import { FILTERS, type FilterFailure, newCycleState, runFilters } from './filters';
import { podRequests } from './resources';
import type { Snapshot } from './snapshot';
import { prepareSpread } from './spread';

const snapshotOf = (c: ReturnType<typeof testCluster>) =>
  (c.ctx.services.get('scheduler') as unknown as { snapshot: Snapshot }).snapshot;

function fullChain(state: ReturnType<typeof newCycleState>, n: Parameters<typeof runFilters>[1]) {
  for (const f of FILTERS) {
    const r = f(state, n);
    if (r) return r;
  }
  return undefined;
}

const anti = (app: string) => ({
  podAntiAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: [
      { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' },
    ],
  },
});

describe('scheduler fast paths', () => {
  it('runFilters gives every node the same verdict and reasons as the full filter chain', () => {
    const c = testCluster();
    const update = (name: string, f: (n: StoredObject) => KObject) =>
      c.api.update(f(c.api.get('nodes', undefined, name)));
    update('node-1', (n) => ({ ...n, spec: { ...n.spec, unschedulable: true } }));
    update('node-2', (n) => ({
      ...n,
      metadata: { ...n.metadata, labels: { ...n.metadata.labels, disktype: 'ssd' } },
      spec: { ...n.spec, taints: [{ key: 'gpu', value: 'yes', effect: 'NoSchedule' }] },
    }));
    // A running pod with required anti-affinity: every incoming pod is checked against it.
    c.api.create({
      ...pod('guard', 'nginx:1.27', { nodeName: 'node-3', affinity: anti('web') }),
      metadata: { name: 'guard', namespace: 'default', labels: { app: 'guard' } },
    });
    c.advance(1_000);
    const incoming: KObject[] = [
      pod('plain'),
      { ...pod('web'), metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } } },
      pod('big', 'nginx:1.27', {
        containers: [
          { name: 'big', image: 'nginx:1.27', resources: { requests: { cpu: '8', memory: '64Gi' } } },
        ],
      }),
      pod('tolerant', 'nginx:1.27', {
        tolerations: [{ key: 'gpu', operator: 'Exists' }, { key: 'node.kubernetes.io/unschedulable' }],
      }),
      pod('selector', 'nginx:1.27', { nodeSelector: { disktype: 'ssd' } }),
      pod('named', 'nginx:1.27', { nodeName: 'node-2' }),
      pod('ports', 'nginx:1.27', {
        containers: [{ name: 'p', image: 'nginx:1.27', ports: [{ containerPort: 80, hostPort: 8080 }] }],
      }),
      pod('lonely', 'nginx:1.27', { affinity: anti('lonely') }),
      pod('spread', 'nginx:1.27', {
        topologySpreadConstraints: [
          { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' },
        ],
      }),
    ];
    const snapshot = snapshotOf(c);
    const nodes = snapshot.list();
    expect(nodes.length).toBe(4);
    const verdicts = new Map<string, FilterFailure | undefined>();
    for (const p of incoming) {
      const state = newCycleState(p as StoredObject, podRequests(p), snapshot);
      prepareSpread(state, nodes);
      for (const n of nodes) {
        const got = runFilters(state, n);
        expect(got).toEqual(fullChain(state, n));
        verdicts.set(`${p.metadata.name}@${n.node.metadata.name}`, got);
      }
    }
    // The cases above do reach the plugins the shortcuts skip for other pods.
    const reason = (k: string) => verdicts.get(k)?.reasons.join(', ');
    expect(reason('plain@node-1')).toBe('node(s) were unschedulable');
    expect(reason('plain@node-2')).toBe('node(s) had untolerated taint {gpu: yes}');
    expect(reason('web@node-3')).toBe("node(s) didn't satisfy existing pods anti-affinity rules");
    expect(reason('big@node-3')).toBe('Insufficient cpu, Insufficient memory');
    expect(reason('tolerant@node-2')).toBeUndefined();
    expect(reason('selector@node-3')).toBe("node(s) didn't match Pod's node affinity/selector");
    expect(reason('named@node-3')).toBe("node(s) didn't match the requested node name");
  });

  it('podRequests shares one result per container resources object and matches the general sum', () => {
    const resources = { requests: { cpu: '250m', memory: '64Mi' }, limits: { 'nvidia.com/gpu': '1' } };
    const a = pod('a', 'nginx:1.27', { containers: [{ name: 'c', image: 'nginx:1.27', resources }] });
    const b = pod('b', 'nginx:1.27', { containers: [{ name: 'c', image: 'nginx:1.27', resources }] });
    expect(podRequests(a)).toBe(podRequests(b));
    const cases: Record<string, unknown>[] = [
      resources,
      { limits: { cpu: '1', memory: '1Gi' } },
      { requests: { cpu: '0', 'ephemeral-storage': '2Gi' } },
      {},
    ];
    for (const r of cases) {
      const single = pod('s', 'nginx:1.27', {
        containers: [{ name: 'c', image: 'nginx:1.27', resources: r }],
      });
      // An (empty) overhead takes the general path; it adds nothing.
      const general = { ...single, spec: { ...single.spec, overhead: {} } };
      expect(podRequests(single)).toEqual(podRequests(general));
    }
    expect(podRequests(a)).toEqual({
      cpu: 250,
      memory: 64 * 1024 * 1024,
      'ephemeral-storage': 0,
      'nvidia.com/gpu': 1,
    });
    expect(podRequests(pod('none'))).toEqual({ cpu: 0, memory: 0, 'ephemeral-storage': 0 });
  });
});
