/**
 * The write pattern of a pod's start: one binding from the scheduler (the pods/binding subresource), then
 * the kubelet's status manager writing once per sync: ContainerCreating, then Running and Ready with the
 * pod IP. As in the real kubelet, the sandbox, the image pull and the container start happen in one
 * SyncPod, so the IP is first reported with the containers' new state, not on its own.
 */
import { describe, expect, it } from 'vitest';
import { pod, testCluster } from '../testing/fixtures';

describe('pod start writes', () => {
  it('binds in one write and reports the start in two status writes', () => {
    const c = testCluster();
    const writes: string[] = [];
    c.api.watch('pods', 'default', (e) => {
      if (e.object.metadata.name !== 'web') return;
      const s = e.object.status ?? {};
      const cs = s.containerStatuses?.[0]?.state ?? {};
      const ready = (s.conditions ?? []).find((x: { type: string }) => x.type === 'Ready')?.status;
      writes.push(
        `${e.type} ${e.object.spec.nodeName ?? '-'} ${s.phase ?? '-'} ${Object.keys(cs)[0] ?? '-'}${cs.waiting ? `:${cs.waiting.reason}` : ''} ready=${ready ?? '-'} ip=${s.podIP ?? '-'}`,
      );
    });
    c.api.create(pod('web', 'nginx:1.27'));
    c.advance(10_000);
    expect(writes).toEqual([
      'ADDED - Pending - ready=- ip=-',
      'MODIFIED node-3 Pending - ready=- ip=-',
      'MODIFIED node-3 Pending waiting:ContainerCreating ready=False ip=-',
      'MODIFIED node-3 Running running ready=True ip=10.244.3.2',
    ]);
    const scheduled = c.api
      .get('pods', 'default', 'web')
      .status.conditions.find((x: { type: string }) => x.type === 'PodScheduled');
    expect(scheduled).toMatchObject({ status: 'True' });
  });
});
