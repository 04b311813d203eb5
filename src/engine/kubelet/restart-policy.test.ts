/** restartPolicy, Secrets and volumes that are not there yet. */
import { describe, expect, it } from 'vitest';
import { pod, testCluster } from '../testing/fixtures';
import { podEvents, recordTimeline } from './testing';

describe('restart policies and missing volumes', () => {
  const c = testCluster();
  const cmd = (name: string, script: string, restartPolicy: string) =>
    pod(name, 'busybox:1.36', {
      nodeName: 'node-2',
      restartPolicy,
      containers: [{ name: 'main', image: 'busybox:1.36', command: ['sh', '-c', script] }],
    });
  const timelines = {
    done: recordTimeline(c, 'default', 'done'),
    failed: recordTimeline(c, 'default', 'failed'),
    retry: recordTimeline(c, 'default', 'retry'),
    mount: recordTimeline(c, 'default', 'mount'),
  };
  c.api.create(cmd('done', 'echo hi', 'Never'));
  c.api.create(cmd('failed', 'exit 3', 'Never'));
  c.api.create(cmd('retry', 'exit 3', 'OnFailure'));
  c.api.create(
    pod('mount', 'nginx:1.27', {
      nodeName: 'node-3',
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          envFrom: [{ secretRef: { name: 'creds' } }],
          volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }],
        },
      ],
      volumes: [{ name: 'cfg', configMap: { name: 'app-files' } }],
    }),
  );
  c.advance(20_000);

  it('Never: Completed is Succeeded, a failure is Failed, neither restarts', () => {
    expect(timelines.done.slice(-1)).toEqual(['1.0s Succeeded main=terminated:Completed(0) r0']);
    expect(timelines.failed.slice(-1)).toEqual(['1.0s Failed main=terminated:Error(3) r0']);
    const ready = c.api
      .get('pods', 'default', 'done')
      .status.conditions.find((x: { type: string }) => x.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(
      (c.ctx.services.get('kubelets') as { logs(n: string, p: string): string }).logs('default', 'done'),
    ).toBe('hi\n');
  });

  it('OnFailure: restarts with back-off while failing', () => {
    const st = c.api.get('pods', 'default', 'retry').status;
    expect(st.phase).toBe('Running');
    expect(st.containerStatuses[0].restartCount).toBe(2);
  });

  it('FailedMount until the ConfigMap exists, then CreateContainerConfigError until the Secret does', () => {
    expect(podEvents(c, 'default', 'mount')).toEqual([
      'FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "app-files" not found (x4)',
    ]);
    expect(timelines.mount).toEqual(['0.0s Pending', '0.0s Pending web=waiting:ContainerCreating r0']);
    c.api.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'app-files', namespace: 'default' },
      data: { 'app.conf': 'level=debug\n' },
    });
    c.advance(20_000);
    expect(podEvents(c, 'default', 'mount').slice(-1)).toEqual(['Failed: Error: secret "creds" not found']);
    c.api.create({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'creds', namespace: 'default' },
      data: { PASSWORD: 'czNjcjN0' },
    });
    c.advance(15_000);
    const k = c.ctx.services.get('kubelets') as {
      exec(ns: string, p: string, c: string, argv: string[]): { output: string };
    };
    expect(k.exec('default', 'mount', 'web', ['printenv', 'PASSWORD']).output).toBe('s3cr3t\n');
    expect(k.exec('default', 'mount', 'web', ['cat', '/etc/app/app.conf']).output).toBe('level=debug\n');
  });

  it('renews the node Lease and reports conditions and images', () => {
    const lease = c.api.get('leases.coordination.k8s.io', 'kube-node-lease', 'node-2');
    expect(lease.spec).toMatchObject({ holderIdentity: 'node-2', leaseDurationSeconds: 40 });
    const node = c.api.get('nodes', undefined, 'node-2');
    expect(
      node.status.conditions.map(
        (x: { type: string; status: string; reason: string }) => `${x.type}=${x.status} ${x.reason}`,
      ),
    ).toEqual([
      'MemoryPressure=False KubeletHasSufficientMemory',
      'DiskPressure=False KubeletHasNoDiskPressure',
      'PIDPressure=False KubeletHasSufficientPID',
      'Ready=True KubeletReady',
    ]);
    expect(
      node.status.images.some((i: { names: string[] }) => i.names.includes('docker.io/library/busybox:1.36')),
    ).toBe(true);
  });
});
