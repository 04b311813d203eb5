/** What the slice controller did before placeEndpoints: a map of the wanted endpoints by uid. */
function placeByMap(existing: StoredObject[], endpoints: SliceEndpoint[]) {
  const wanted = new Map(endpoints.map((ep) => [ep.targetRef.uid, ep]));
  const contents = existing.map((s) => {
    const kept: SliceEndpoint[] = [];
    for (const ep of (s.endpoints ?? []) as SliceEndpoint[]) {
      const next = wanted.get(ep.targetRef?.uid);
      if (next) {
        kept.push(next);
        wanted.delete(ep.targetRef.uid);
      }
    }
    return kept;
  });
  return { contents, fresh: [...wanted.values()] };
}

/**
 * The endpoints controllers reuse last sync's per-pod results (by position, by name, the name order):
 * over random syncs of a changing pod set, their output must equal a computation from scratch.
 */
import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../api/types';
import { desiredEndpoints, newEndpointCache, placeEndpoints, type SliceEndpoint } from './slice-endpoints';
import { buildSubsets, newSubsetCache } from './subsets';

function service(name: string, spec: Record<string, unknown>): StoredObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', uid: `svc-${name}`, resourceVersion: '1' },
    spec,
  } as StoredObject;
}

const services = [
  service('numeric', { ports: [{ port: 80, targetPort: 8080 }] }),
  service('named', {
    ports: [
      { name: 'web', port: 80, targetPort: 'http' },
      { name: 'metrics', port: 9090, targetPort: '9090', appProtocol: 'http' },
    ],
  }),
  service('only-named', { ports: [{ port: 80, targetPort: 'http' }] }),
  service('headless', { clusterIP: 'None', publishNotReadyAddresses: true }),
];

describe('endpoint caches', () => {
  it('give what a sync from scratch gives, over random changes of pods, order and membership', () => {
    let seed = 11;
    const rnd = (k: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % k;
    };
    let uids = 0;
    const makePod = (name: string): StoredObject =>
      ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default', uid: `uid-${uids++}` },
        spec: {
          containers: [
            { name: 'c', ...(rnd(3) ? { ports: [{ name: 'http', containerPort: 8000 + rnd(3) }] } : {}) },
          ],
          ...(rnd(4) === 0 ? { hostname: name, subdomain: 'headless' } : {}),
          ...(rnd(5) === 0 ? { restartPolicy: 'Never' } : {}),
        },
        status: { phase: 'Pending' },
      }) as StoredObject;
    /** A new version of the pod, as a kubelet or controller would write it. */
    const change = (p: StoredObject): StoredObject => {
      const status = { ...p.status };
      const spec = { ...p.spec };
      const metadata = { ...p.metadata };
      switch (rnd(7)) {
        case 0:
          spec.nodeName = `node-${rnd(3)}`;
          break;
        case 1:
          status.podIP = `10.244.${rnd(2)}.${rnd(40)}`;
          break;
        case 2:
          status.conditions = [{ type: 'Ready', status: rnd(2) ? 'True' : 'False' }];
          break;
        case 3:
          status.phase = ['Running', 'Succeeded', 'Failed'][rnd(3)];
          break;
        case 4:
          metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
          break;
        default:
          status.containerStatuses = [{ restartCount: rnd(5) }];
      }
      return { ...p, metadata, spec, status } as StoredObject;
    };
    const zoneOf = (node: string) => (node === 'node-2' ? undefined : `zone-${node}`);
    const subsetCaches = services.map(() => newSubsetCache());
    const sliceCaches = services.map(() => newEndpointCache());
    // Each Service's slices as last written (endpoint lists), which the next sync lays endpoints over.
    const slices: SliceEndpoint[][][] = services.map(() => []);
    let placedSome = 0;
    let pods: StoredObject[] = [];
    let next = 0;
    for (let sync = 0; sync < 400; sync++) {
      // Mostly state changes, sometimes a pod joins, leaves, is replaced (new uid) or the order changes.
      for (let i = 0; i < pods.length; i++) if (rnd(3) === 0) pods[i] = change(pods[i]);
      const what = rnd(10);
      if (what === 0 || pods.length < 3) pods.push(makePod(`web-${next++}`));
      else if (what === 1) pods.splice(rnd(pods.length), 1);
      else if (what === 2) pods[rnd(pods.length)] = makePod(pods[rnd(pods.length)].metadata.name);
      else if (what === 3) pods = pods.slice(2).concat(pods.slice(0, 2));
      // Replacing a pod by another's name can leave two of one name: keep names distinct (members are).
      pods = [...new Map(pods.map((p) => [p.metadata.name, p])).values()];
      services.forEach((svc, s) => {
        expect(buildSubsets(svc, pods, subsetCaches[s])).toEqual(buildSubsets(svc, pods));
        const desired = desiredEndpoints(svc, pods, sliceCaches[s], zoneOf);
        expect([...desired]).toEqual([...desiredEndpoints(svc, pods, undefined, zoneOf)]);
        // Slices as someone may have left them: an endpoint dropped or doubled, a stranger's added.
        const existing = slices[s].map((eps) => {
          const copy = eps.filter(() => rnd(10) !== 0);
          if (copy.length && rnd(5) === 0) copy.push(copy[rnd(copy.length)]);
          if (rnd(5) === 0)
            copy.push({ addresses: ['10.9.9.9'], targetRef: { uid: `stranger-${rnd(3)}` } } as never);
          return { endpoints: copy } as unknown as StoredObject;
        });
        const layout: SliceEndpoint[][] = [];
        for (const [key, { endpoints }] of desired) {
          const got = placeEndpoints(sliceCaches[s], key, existing);
          expect(got).toEqual(placeByMap(existing, endpoints));
          for (const kept of got.contents) placedSome += kept.length;
          layout.push(
            ...got.contents,
            ...(got.fresh.length ? [got.fresh.slice(0, 7), got.fresh.slice(7)] : []),
          );
        }
        slices[s] = layout.filter((eps) => eps.length > 0);
      });
    }
    // The random walk ends with a pod set that has endpoints (not only empty results were compared), and
    // many endpoints were kept in the slice they were in.
    const last = buildSubsets(services[1], pods).subsets;
    expect(last.length).toBeGreaterThan(0);
    expect(placedSome).toBeGreaterThan(1000);
  });
});
