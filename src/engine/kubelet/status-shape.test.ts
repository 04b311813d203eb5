/**
 * The pod status the kubelet writes, key for key in the API's order (what `kubectl get -o json` prints),
 * and the parts a write shares with the one before when they did not change.
 */
import { describe, expect, it } from 'vitest';
import { pod, testCluster } from '../testing/fixtures';

describe('pod status shape', () => {
  it('writes status, condition and container status keys in the API order, reusing unchanged parts', () => {
    const c = testCluster();
    const statuses: Record<string, any>[] = [];
    c.api.watch('pods', 'default', (e) => {
      if (e.type === 'MODIFIED' && e.object.status?.containerStatuses) statuses.push(e.object.status);
    });
    c.api.create(pod('web', 'nginx:1.27'));
    c.advance(10_000);
    expect(statuses.map((s) => s.phase)).toEqual(['Pending', 'Running']);
    const [creating, running] = statuses;
    expect(Object.keys(creating)).toEqual([
      'phase',
      'conditions',
      'hostIP',
      'hostIPs',
      'startTime',
      'containerStatuses',
      'qosClass',
    ]);
    expect(Object.keys(running)).toEqual([
      'phase',
      'conditions',
      'hostIP',
      'hostIPs',
      'podIP',
      'podIPs',
      'startTime',
      'containerStatuses',
      'qosClass',
    ]);
    expect(running.conditions.map((x: { type: string }) => x.type)).toEqual([
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ]);
    expect(Object.keys(creating.conditions[2])).toEqual([
      'type',
      'status',
      'lastProbeTime',
      'lastTransitionTime',
      'reason',
      'message',
    ]);
    expect(creating.conditions[2]).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [web]',
    });
    expect(Object.keys(running.conditions[2])).toEqual([
      'type',
      'status',
      'lastProbeTime',
      'lastTransitionTime',
    ]);
    expect(Object.keys(creating.containerStatuses[0])).toEqual([
      'name',
      'state',
      'lastState',
      'ready',
      'restartCount',
      'image',
      'imageID',
      'started',
      'volumeMounts',
    ]);
    expect(Object.keys(running.containerStatuses[0])).toEqual([
      'name',
      'state',
      'lastState',
      'ready',
      'restartCount',
      'image',
      'imageID',
      'containerID',
      'started',
      'volumeMounts',
    ]);
    // Conditions that did not change (Initialized, PodScheduled) are the objects written before.
    expect(running.conditions[1]).toBe(creating.conditions[1]);
    expect(running.conditions[4]).toBe(creating.conditions[4]);
    expect(running.conditions[0]).not.toBe(creating.conditions[0]);
    expect(running.containerStatuses[0].volumeMounts).toBe(creating.containerStatuses[0].volumeMounts);
  });
});
