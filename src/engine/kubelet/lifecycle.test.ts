/**
 * Golden pod lifecycles: the exact status transitions (phase, container state, readiness, restarts) and
 * events over simulated time, for the stories learners meet most. Seeded, so every number is stable.
 */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../api/types';
import { configMap, pod, testCluster } from '../testing/fixtures';
import { podEvents, recordTimeline } from './testing';

function run(p: KObject, ms: number, then?: (c: ReturnType<typeof testCluster>) => void, thenMs = 0) {
  const c = testCluster();
  const timeline = recordTimeline(c, 'default', p.metadata.name!);
  c.api.create(p);
  c.advance(ms);
  if (then) {
    then(c);
    c.advance(thenMs);
  }
  return { c, timeline, events: podEvents(c, 'default', p.metadata.name!) };
}

const onNode = (name: string, containers: KObject['spec']['containers']) =>
  pod(name, 'unused', { nodeName: 'node-1', containers });

describe('pod lifecycle (golden)', () => {
  it('a normal nginx pod: pull, create, start, Ready', () => {
    const { c, timeline, events } = run(pod('web', 'nginx:1.27', { nodeName: 'node-1' }), 10_000);
    expect(timeline).toEqual([
      '0.0s Pending',
      '0.0s Pending web=waiting:ContainerCreating r0',
      '3.2s Running web=running ready r0',
    ]);
    expect(events).toEqual([
      'Pulling: Pulling image "nginx:1.27"',
      'Pulled: Successfully pulled image "nginx:1.27" in 2.281s (2.281s including waiting). Image size: 72188133 bytes.',
      'Created: Created container: web',
      'Started: Started container web',
    ]);
    const status = c.api.get('pods', 'default', 'web').status;
    // CoreDNS took 10.244.1.2 on node-1 during warm-up.
    expect(status.podIP).toBe('10.244.1.3');
    expect(status.hostIP).toBe('192.168.49.3');
    expect(status.qosClass).toBe('BestEffort');
    expect(status.conditions.map((x: { type: string; status: string }) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    const cs = status.containerStatuses[0];
    expect(cs.image).toBe('docker.io/library/nginx:1.27');
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.started).toBe(true);
    expect(cs.lastState).toEqual({});
  });

  it('an unknown tag: ErrImagePull, then ImagePullBackOff with 10s, 20s, 40s back-off', () => {
    const { timeline, events } = run(pod('bad', 'nginx:doesnotexist', { nodeName: 'node-1' }), 90_000);
    expect(timeline).toEqual([
      '0.0s Pending',
      '0.0s Pending bad=waiting:ContainerCreating r0',
      '1.3s Pending bad=waiting:ErrImagePull r0',
      '2.2s Pending bad=waiting:ImagePullBackOff r0',
      '12.8s Pending bad=waiting:ErrImagePull r0',
      '14.2s Pending bad=waiting:ImagePullBackOff r0',
      '35.3s Pending bad=waiting:ErrImagePull r0',
      '36.5s Pending bad=waiting:ImagePullBackOff r0',
      '77.5s Pending bad=waiting:ErrImagePull r0',
      '78.4s Pending bad=waiting:ImagePullBackOff r0',
    ]);
    expect(events).toEqual([
      'Pulling: Pulling image "nginx:doesnotexist" (x4)',
      'Failed: Failed to pull image "nginx:doesnotexist": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found (x4)',
      'Failed: Error: ErrImagePull (x4)',
      'BackOff: Back-off pulling image "nginx:doesnotexist" (x4)',
      'Failed: Error: ImagePullBackOff (x4)',
    ]);
  });

  it('a crashing busybox: Error, restart, CrashLoopBackOff doubling from 10s', () => {
    const { c, timeline, events } = run(
      onNode('crash', [
        { name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; exit 1'] },
      ]),
      80_000,
    );
    expect(timeline).toEqual([
      '0.0s Pending',
      '0.0s Pending app=waiting:ContainerCreating r0',
      '1.3s Running app=running ready r0',
      '1.3s Running app=terminated:Error(1) r0',
      '2.3s Running app=running ready r1',
      '2.3s Running app=terminated:Error(1) r1',
      '3.0s Running app=waiting:CrashLoopBackOff r1',
      '12.4s Running app=running ready r2',
      '12.4s Running app=terminated:Error(1) r2',
      '13.4s Running app=waiting:CrashLoopBackOff r2',
      '32.6s Running app=running ready r3',
      '32.6s Running app=terminated:Error(1) r3',
      '32.9s Running app=waiting:CrashLoopBackOff r3',
      '72.7s Running app=running ready r4',
      '72.7s Running app=terminated:Error(1) r4',
      '73.3s Running app=waiting:CrashLoopBackOff r4',
    ]);
    const uid = c.api.get('pods', 'default', 'crash').metadata.uid;
    expect(events).toEqual([
      'Pulling: Pulling image "busybox:1.36"',
      'Pulled: Successfully pulled image "busybox:1.36" in 343ms (343ms including waiting). Image size: 2152262 bytes.',
      'Created: Created container: app (x5)',
      'Started: Started container app (x5)',
      'Pulled: Container image "busybox:1.36" already present on machine (x4)',
      `BackOff: Back-off restarting failed container app in pod crash_default(${uid}) (x4)`,
    ]);
    const cs = c.api.get('pods', 'default', 'crash').status.containerStatuses[0];
    expect(cs.state.waiting).toEqual({
      reason: 'CrashLoopBackOff',
      message: `back-off 1m20s restarting failed container=app pod=crash_default(${uid})`,
    });
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it('over its memory limit: OOMKilled with exit code 137', () => {
    const { timeline, c, events } = run(
      onNode('oom', [
        {
          name: 'app',
          image: 'polinux/stress',
          command: ['stress'],
          args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
          resources: { limits: { memory: '100Mi' } },
        },
      ]),
      15_000,
    );
    expect(timeline.slice(0, 7)).toEqual([
      '0.0s Pending',
      '0.0s Pending app=waiting:ContainerCreating r0',
      '1.3s Running app=running ready r0',
      '1.4s Running app=terminated:OOMKilled(137) r0',
      '3.1s Running app=running ready r1',
      '3.1s Running app=terminated:OOMKilled(137) r1',
      '3.5s Running app=waiting:CrashLoopBackOff r1',
    ]);
    expect(c.api.get('pods', 'default', 'oom').status.qosClass).toBe('Burstable');
    // No tag means :latest, so imagePullPolicy Always: every restart pulls again.
    expect(events[0]).toBe('Pulling: Pulling image "polinux/stress" (x3)');
  });

  it('a failing liveness probe: Unhealthy x3, Killing, restart (nginx exits 0 on SIGQUIT)', () => {
    const { timeline, events } = run(
      onNode('live', [
        {
          name: 'app',
          image: 'nginx:1.27',
          livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 3 },
        },
      ]),
      32_000,
    );
    expect(timeline).toEqual([
      '0.0s Pending',
      '0.0s Pending app=waiting:ContainerCreating r0',
      '3.2s Running app=running ready r0',
      '15.1s Running app=terminated:Completed(0) r0',
      '16.1s Running app=running ready r1',
      '30.1s Running app=terminated:Completed(0) r1',
      '30.8s Running app=waiting:CrashLoopBackOff r1',
    ]);
    expect(events.slice(0, 6)).toEqual([
      'Pulling: Pulling image "nginx:1.27"',
      'Pulled: Successfully pulled image "nginx:1.27" in 2.281s (2.281s including waiting). Image size: 72188133 bytes.',
      'Created: Created container: app (x2)',
      'Started: Started container app (x2)',
      'Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404 (x6)',
      'Killing: Container app failed liveness probe, will be restarted (x2)',
    ]);
  });

  it('a missing ConfigMap: CreateContainerConfigError until it exists', () => {
    const { timeline, events } = run(
      onNode('cfg', [
        {
          name: 'app',
          image: 'nginx:1.27',
          env: [{ name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'color' } } }],
        },
      ]),
      30_000,
      (c) => c.api.create(configMap('app-config', { color: 'blue' })),
      15_000,
    );
    expect(timeline).toEqual([
      '0.0s Pending',
      '0.0s Pending app=waiting:ContainerCreating r0',
      '3.1s Pending app=waiting:CreateContainerConfigError r0',
      '31.6s Running app=running ready r0',
    ]);
    expect(events).toEqual([
      'Pulling: Pulling image "nginx:1.27"',
      'Pulled: Successfully pulled image "nginx:1.27" in 2.281s (2.281s including waiting). Image size: 72188133 bytes.',
      'Failed: Error: configmap "app-config" not found (x3)',
      'Pulled: Container image "nginx:1.27" already present on machine (x3)',
      'Created: Created container: app',
      'Started: Started container app',
    ]);
  });

  it('a changed image: the container is killed and started again with the new image', () => {
    const { c } = run(pod('web', 'nginx:1.27', { nodeName: 'node-1' }), 10_000);
    const p = c.api.get('pods', 'default', 'web');
    c.api.update({
      ...p,
      spec: { ...p.spec, containers: [{ ...p.spec.containers[0], image: 'nginx:1.26' }] },
    });
    c.advance(10_000);
    const events = podEvents(c, 'default', 'web');
    expect(events).toEqual([
      'Pulling: Pulling image "nginx:1.27"',
      'Pulled: Successfully pulled image "nginx:1.27" in 2.281s (2.281s including waiting). Image size: 72188133 bytes.',
      'Created: Created container: web (x2)',
      'Started: Started container web (x2)',
      'Killing: Container web definition changed, will be restarted',
      'Pulling: Pulling image "nginx:1.26"',
      'Pulled: Successfully pulled image "nginx:1.26" in 2.553s (2.553s including waiting). Image size: 71001840 bytes.',
    ]);
    const cs = c.api.get('pods', 'default', 'web').status.containerStatuses[0];
    expect(cs).toMatchObject({ image: 'docker.io/library/nginx:1.26', restartCount: 1, ready: true });
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('init containers run one after another before the app container (Init:N/M)', () => {
    const { c, timeline } = run(
      pod('init', 'nginx:1.27', {
        nodeName: 'node-1',
        initContainers: [
          { name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'echo waiting; sleep 3'] },
          {
            name: 'setup',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'echo ready > /work/flag'],
            volumeMounts: [{ name: 'work', mountPath: '/work' }],
          },
        ],
        containers: [
          {
            name: 'app',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'cat /work/flag; sleep 3600'],
            volumeMounts: [{ name: 'work', mountPath: '/work' }],
          },
        ],
        volumes: [{ name: 'work', emptyDir: {} }],
      }),
      15_000,
    );
    expect(timeline).toEqual([
      '0.0s Pending',
      '0.0s Pending wait=waiting:PodInitializing r0 setup=waiting:PodInitializing r0 app=waiting:PodInitializing r0',
      '1.3s Pending wait=running r0 setup=waiting:PodInitializing r0 app=waiting:PodInitializing r0',
      '4.3s Pending wait=terminated:Completed(0) ready r0 setup=waiting:PodInitializing r0 app=waiting:PodInitializing r0',
      '5.3s Pending wait=terminated:Completed(0) ready r0 setup=running r0 app=waiting:PodInitializing r0',
      '5.3s Pending wait=terminated:Completed(0) ready r0 setup=terminated:Completed(0) ready r0 app=waiting:PodInitializing r0',
      '6.2s Running wait=terminated:Completed(0) ready r0 setup=terminated:Completed(0) ready r0 app=running ready r0',
    ]);
    const k = c.ctx.services.get('kubelets') as { logs(ns: string, p: string, c?: string): string };
    expect(k.logs('default', 'init', 'app')).toBe('ready\n');
    expect(k.logs('default', 'init', 'wait')).toBe('waiting\n');
    const initialized = c.api
      .get('pods', 'default', 'init')
      .status.conditions.find((x: { type: string }) => x.type === 'Initialized');
    expect(initialized.status).toBe('True');
  });

  it('an invalid image name: InvalidImageName, no pull; Never without the image: ErrImageNeverPull', () => {
    const { c, events } = run(pod('upper', 'NGINX', { nodeName: 'node-1' }), 5_000);
    expect(events).toEqual([
      'InspectFailed: Failed to apply default image tag "NGINX": couldn\'t parse image reference "NGINX": invalid reference format: repository name (library/NGINX) must be lowercase',
      'Failed: Error: InvalidImageName',
    ]);
    expect(c.api.get('pods', 'default', 'upper').status.containerStatuses[0].state.waiting.reason).toBe(
      'InvalidImageName',
    );
    c.api.create(onNode('never', [{ name: 'app', image: 'redis:7.4', imagePullPolicy: 'Never' }]));
    c.advance(5_000);
    expect(podEvents(c, 'default', 'never')).toEqual([
      'ErrImageNeverPull: Container image "redis:7.4" is not present with pull policy of Never',
      'Failed: Error: ErrImageNeverPull',
    ]);
  });
});
