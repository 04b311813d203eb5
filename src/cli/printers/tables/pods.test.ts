import { describe, expect, it } from 'vitest';
import { printRows, printTable } from '../index';
import { ago, H, M, NOW, podWithStatus, runningPod, S } from '../testdata/objects';
import { rt } from '../testdata/registry';

const status = (pod: ReturnType<typeof podWithStatus>) =>
  printTable(rt('pods'), [pod], { noHeaders: true }, NOW).split(/\s{3,}/)[2];

describe('kubectl get pods', () => {
  it('prints READY STATUS RESTARTS AGE aligned with 3 spaces', () => {
    const out = printTable(
      rt('pods'),
      [
        runningPod('web-7d4b9c8f6d-2xkqp'),
        runningPod('db-0', { restarts: 2, lastRestartAgo: 95 * S, created: 3 * H }),
      ],
      {},
      NOW,
    );
    expect(out).toBe(
      'NAME                   READY   STATUS    RESTARTS      AGE\n' +
        'web-7d4b9c8f6d-2xkqp   1/1     Running   0             5m\n' +
        'db-0                   1/1     Running   2 (95s ago)   3h\n',
    );
  });

  it('prints the wide columns with <none> for what is not set', () => {
    const pending = podWithStatus('web-x', {}, { phase: 'Pending' }, { creationTimestamp: ago(10 * S) });
    const out = printTable(
      rt('pods'),
      [runningPod('web-a', { node: 'node-2', ip: '10.244.2.7' }), pending],
      { wide: true },
      NOW,
    );
    expect(out).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES\n' +
        'web-a   1/1     Running   0          5m    10.244.2.7   node-2   <none>           <none>\n' +
        'web-x   0/1     Pending   0          10s   <none>       <none>   <none>           <none>\n',
    );
  });

  it('shows a waiting reason such as ContainerCreating or CrashLoopBackOff', () => {
    const creating = podWithStatus(
      'p',
      { nodeName: 'node-1' },
      {
        phase: 'Pending',
        containerStatuses: [
          { name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
        ],
      },
    );
    expect(status(creating)).toBe('ContainerCreating');
    const crash = podWithStatus(
      'p',
      {},
      {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(30 * S) } },
          },
        ],
      },
    );
    expect(printTable(rt('pods'), [crash], { noHeaders: true }, NOW)).toBe(
      'p     0/1   CrashLoopBackOff   4 (30s ago)   5m\n',
    );
  });

  it('shows Completed, Error, OOMKilled and ExitCode/Signal for terminated containers', () => {
    const term = (t: Record<string, unknown>, phase = 'Failed') =>
      podWithStatus(
        'p',
        {},
        {
          phase,
          containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: t } }],
        },
      );
    expect(status(term({ exitCode: 0, reason: 'Completed' }, 'Succeeded'))).toBe('Completed');
    expect(status(term({ exitCode: 137, reason: 'OOMKilled' }))).toBe('OOMKilled');
    expect(status(term({ exitCode: 3 }))).toBe('ExitCode:3');
    expect(status(term({ exitCode: 0, signal: 9 }))).toBe('Signal:9');
  });

  it('shows init container progress Init:N/M and init failures', () => {
    const spec = { initContainers: [{ name: 'a' }, { name: 'b' }] };
    const running = podWithStatus('p', spec, {
      phase: 'Pending',
      initContainerStatuses: [
        {
          name: 'a',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 0, reason: 'Completed' } },
        },
        { name: 'b', ready: false, restartCount: 0, state: { running: {} } },
      ],
      containerStatuses: [
        { name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
      ],
    });
    expect(status(running)).toBe('Init:1/2');
    const failing = podWithStatus('p', spec, {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'a', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
        { name: 'b', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } },
      ],
    });
    expect(status(failing)).toBe('Init:CrashLoopBackOff');
    const exit = podWithStatus('p', spec, {
      phase: 'Pending',
      initContainerStatuses: [
        { name: 'a', ready: false, restartCount: 0, state: { terminated: { exitCode: 2 } } },
      ],
    });
    expect(status(exit)).toBe('Init:ExitCode:2');
  });

  // --no-headers: widths come from the rows alone (narrow columns get the minimum width 6).
  it('counts sidecar (restartPolicy Always) init containers in READY', () => {
    const pod = podWithStatus(
      'p',
      { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          { name: 'proxy', ready: true, started: true, restartCount: 0, state: { running: {} } },
        ],
        containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }],
      },
    );
    expect(printTable(rt('pods'), [pod], { noHeaders: true }, NOW)).toBe('p     2/2   Running   0     5m\n');
  });

  it('shows Terminating, Evicted and Unknown (NodeLost)', () => {
    const deleting = {
      ...runningPod('p'),
      metadata: { ...runningPod('p').metadata, deletionTimestamp: ago(1 * S) },
    };
    expect(printTable(rt('pods'), [deleting], { noHeaders: true }, NOW)).toContain('Terminating');
    const evicted = podWithStatus(
      'p',
      {},
      { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' },
    );
    expect(status(evicted)).toBe('Evicted');
    const lost = podWithStatus(
      'p',
      {},
      { phase: 'Running', reason: 'NodeLost' },
      { deletionTimestamp: ago(1 * M) },
    );
    expect(status(lost)).toBe('Unknown');
    const gated = podWithStatus(
      'p',
      {},
      {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      },
    );
    expect(status(gated)).toBe('SchedulingGated');
  });

  it('adds NAMESPACE, kind prefixes, label columns and LABELS', () => {
    const pod = runningPod('web-1');
    const labelled = {
      ...pod,
      metadata: { ...pod.metadata, labels: { app: 'web', 'app.kubernetes.io/version': 'v2' } },
    };
    const out = printTable(
      rt('pods'),
      [labelled],
      {
        withNamespace: true,
        withKind: true,
        showLabels: true,
        labelColumns: ['app', 'app.kubernetes.io/version', 'tier'],
      },
      NOW,
    );
    expect(out).toBe(
      'NAMESPACE   NAME        READY   STATUS    RESTARTS   AGE   APP   VERSION   TIER   LABELS\n' +
        'default     pod/web-1   1/1     Running   0          5m    web   v2               app=web,app.kubernetes.io/version=v2\n',
    );
  });

  it('prints nothing for no objects and only rows for watch updates', () => {
    expect(printTable(rt('pods'), [], {}, NOW)).toBe('');
    const remembered: number[] = [];
    const first = printTable(
      rt('pods'),
      [runningPod('web-7d4b9c8f6d-2xkqp')],
      { rememberedWidths: remembered },
      NOW,
    );
    const next = printRows(rt('pods'), [runningPod('web-1')], { rememberedWidths: remembered }, NOW);
    expect(first.split('\n')[0]).toBe('NAME                   READY   STATUS    RESTARTS   AGE');
    expect(next).toBe('web-1                  1/1     Running   0          5m\n');
  });

  it('cuts multi-line cells at the first line break', () => {
    const pod = podWithStatus('p', {}, { phase: 'Pending', reason: 'first\nsecond' });
    expect(status(pod).trim()).toBe('first...');
  });
});
