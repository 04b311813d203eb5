import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { ClockState, ResetOptions } from '../../protocol/messages';
import { applyClusterParam, clusterParam } from './cluster-param';

type Client = Parameters<typeof applyClusterParam>[2];
type Store = Parameters<typeof applyClusterParam>[1];

function fakes(profile: ClockState['profile']) {
  const store = create(() => ({ connected: false, clock: { profile } as ClockState }));
  const resets: (ResetOptions | undefined)[] = [];
  const client = { reset: async (o?: ResetOptions) => void resets.push(o) } as unknown as Client;
  return { store, resets, client };
}

describe('?cluster=', () => {
  it('reads only the profiles the lab knows', () => {
    expect(clusterParam('?cluster=openshift')).toBe('openshift');
    expect(clusterParam('?lang=ja&cluster=kubernetes')).toBe('kubernetes');
    expect(clusterParam('?cluster=rancher')).toBeUndefined();
    expect(clusterParam('')).toBeUndefined();
  });

  it('resets once, after the worker connects, when the restored cluster is of the other kind', () => {
    const { store, resets, client } = fakes('kubernetes');
    applyClusterParam('?cluster=openshift', store as unknown as Store, client);
    expect(resets).toEqual([]);
    store.setState({ connected: true });
    expect(resets).toEqual([{ profile: 'openshift' }]);
    store.setState({ clock: { profile: 'openshift' } as ClockState });
    expect(resets).toHaveLength(1);
  });

  it('keeps a restored session of the wanted kind', () => {
    const { store, resets, client } = fakes('openshift');
    store.setState({ connected: true });
    applyClusterParam('?cluster=openshift', store as unknown as Store, client);
    expect(resets).toEqual([]);
  });
});
