import { describe, expect, it } from 'vitest';
import type { KObject, StoredObject } from '../../api/types';
import { garbageCollector } from '../garbage-collector';
import { type FakeKubeletOptions, fakeKubelet, testBed } from '../testbed';
import { jobController } from './job-controller';
import { remainingBackoffMs } from './job-status';
import { ttlAfterFinishedController } from './ttl-after-finished';

function job(spec: Record<string, unknown> = {}, name = 'pi'): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'pi',
              image: 'perl:5.34.0',
              command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
            },
          ],
        },
      },
      ...spec,
    },
  };
}

function bed(kubelet: FakeKubeletOptions) {
  return testBed([
    jobController,
    ttlAfterFinishedController,
    garbageCollector,
    fakeKubelet({ startMs: 1000, stopMs: 0, ...kubelet }),
  ]);
}
type Bed = ReturnType<typeof bed>;

const getJob = (b: Bed): StoredObject => b.api.get('jobs.batch', 'default', 'pi');
const conds = (j: StoredObject) =>
  (j.status?.conditions ?? []).map(
    (c: { type: string; reason: string; message: string }) => `${c.type} ${c.reason}: ${c.message}`,
  );
const pods = (b: Bed) => b.api.list('pods', { namespace: 'default' });

describe('Job controller', () => {
  it('runs a pod to completion: tracking finalizer, status and the real conditions', () => {
    const b = bed({ exit: () => ({ phase: 'Succeeded', afterMs: 5000 }) });
    const created = b.api.create(job());
    b.takeActions();
    b.advance(10);
    const [pod] = pods(b);
    expect(pod.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(pod.metadata.labels).toMatchObject({
      'batch.kubernetes.io/job-name': 'pi',
      'job-name': 'pi',
      'controller-uid': created.metadata.uid,
    });
    expect(b.takeActions()).toEqual([
      `create pods default/${pod.metadata.name}`,
      'update jobs.batch/status default/pi',
    ]);
    expect(getJob(b).status).toEqual({
      startTime: '2025-01-15T09:00:00Z',
      active: 1,
      terminating: 0,
      uncountedTerminatedPods: {},
      ready: 0,
    });
    b.advance(2000);
    expect(getJob(b).status.ready).toBe(1);
    b.advance(5000);
    const done = getJob(b);
    expect(conds(done)).toEqual([
      'SuccessCriteriaMet CompletionsReached: Reached expected number of succeeded pods',
      'Complete CompletionsReached: Reached expected number of succeeded pods',
    ]);
    expect(done.status).toMatchObject({
      succeeded: 1,
      ready: 0,
      terminating: 0,
      completionTime: '2025-01-15T09:00:06Z',
    });
    expect(done.status.active).toBeUndefined();
    expect(b.api.get('pods', 'default', pod.metadata.name).metadata.finalizers).toBeUndefined();
    expect(b.takeEvents()).toEqual([
      `SuccessfulCreate: Created pod: ${pod.metadata.name}`,
      'Completed: Job completed',
    ]);
  });

  it('runs completions with parallelism', () => {
    const b = bed({ exit: () => ({ phase: 'Succeeded', afterMs: 1000 }) });
    b.api.create(job({ completions: 5, parallelism: 2 }));
    b.advance(10);
    expect(pods(b)).toHaveLength(2);
    b.advance(30_000);
    expect(pods(b)).toHaveLength(5);
    expect(getJob(b).status).toMatchObject({ succeeded: 5 });
    expect(conds(getJob(b))[1]).toBe(
      'Complete CompletionsReached: Reached expected number of succeeded pods',
    );
  });

  it('backs off 10s, 20s, 40s between failures and fails past backoffLimit', () => {
    const b = bed({ startMs: 0, exit: () => ({ phase: 'Failed', afterMs: 0 }) });
    b.api.create(job({ backoffLimit: 3 }));
    const creations: number[] = [];
    let seen = 0;
    for (let t = 0; t < 200_000; t += 100) {
      b.advance(100);
      const n = pods(b).length;
      if (n > seen) creations.push(b.clock.now());
      seen = n;
    }
    // First pod at once; replacements 10 s, 20 s and 40 s after each failure (4 pods = backoffLimit 3 + 1).
    expect(creations.map((t) => Math.round(t / 1000))).toEqual([0, 10, 30, 70]);
    const j = getJob(b);
    expect(j.status).toMatchObject({ failed: 4, terminating: 0, ready: 0 });
    expect(conds(j)).toEqual([
      'FailureTarget BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    expect(b.takeEvents().filter((e) => !e.startsWith('SuccessfulCreate'))).toEqual([
      'BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    expect(remainingBackoffMs({ failuresAfterLastSuccess: 6, lastFailureMs: 0 }, 0)).toBe(320_000);
    expect(remainingBackoffMs({ failuresAfterLastSuccess: 12, lastFailureMs: 0 }, 0)).toBe(600_000);
  });

  it('fails with DeadlineExceeded after activeDeadlineSeconds and deletes its pods', () => {
    const b = bed({});
    b.api.create(job({ activeDeadlineSeconds: 30 }));
    b.advance(29_000);
    expect(pods(b)).toHaveLength(1);
    b.advance(2_000);
    expect(pods(b)).toHaveLength(0);
    expect(conds(getJob(b))).toEqual([
      'FailureTarget DeadlineExceeded: Job was active longer than specified deadline',
      'Failed DeadlineExceeded: Job was active longer than specified deadline',
    ]);
    expect(getJob(b).status.failed).toBe(1);
  });

  it('deletes a finished Job after ttlSecondsAfterFinished', () => {
    const b = bed({ exit: () => ({ phase: 'Succeeded', afterMs: 1000 }) });
    b.api.create(job({ ttlSecondsAfterFinished: 100 }));
    b.advance(5_000);
    expect(conds(getJob(b))).toHaveLength(2);
    b.advance(90_000);
    expect(b.api.tryGet('jobs.batch', 'default', 'pi')).toBeDefined();
    b.advance(10_000);
    expect(b.api.tryGet('jobs.batch', 'default', 'pi')).toBeUndefined();
    expect(pods(b)).toEqual([]);
  });

  it('suspends and resumes', () => {
    const b = bed({});
    b.api.create(job());
    b.advance(2000);
    const j = getJob(b);
    b.api.update({ ...j, spec: { ...j.spec, suspend: true } });
    b.advance(100);
    expect(pods(b).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(0);
    expect(conds(getJob(b))).toEqual(['Suspended JobSuspended: Job suspended']);
    const s = getJob(b);
    b.api.update({ ...s, spec: { ...s.spec, suspend: false } });
    b.advance(100);
    expect(conds(getJob(b))).toEqual(['Suspended JobResumed: Job resumed']);
    expect(pods(b).filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(1);
  });

  it('runs Indexed completions: one pod per index, named and labelled with it', () => {
    const b = bed({ exit: () => ({ phase: 'Succeeded', afterMs: 1000 }) });
    b.api.create(job({ completions: 3, parallelism: 2, completionMode: 'Indexed' }));
    b.advance(10);
    const first = pods(b);
    expect(first.map((p) => p.metadata.name).sort()).toEqual([
      expect.stringMatching(/^pi-0-[a-z0-9]{5}$/),
      expect.stringMatching(/^pi-1-[a-z0-9]{5}$/),
    ]);
    const p0 = first.find((p) => p.metadata.name.startsWith('pi-0-'))!;
    expect(p0.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).toBe('0');
    expect(p0.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe('0');
    expect(p0.spec.hostname).toBe('pi-0');
    expect(p0.spec.containers[0].env).toEqual([
      // apiVersion v1 is the API server's default for a fieldRef.
      {
        name: 'JOB_COMPLETION_INDEX',
        valueFrom: {
          fieldRef: {
            apiVersion: 'v1',
            fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']",
          },
        },
      },
    ]);
    b.advance(2100);
    expect(getJob(b).status.completedIndexes).toBe('0-1');
    b.advance(5000);
    expect(getJob(b).status).toMatchObject({ succeeded: 3, completedIndexes: '0-2' });
    expect(conds(getJob(b))[1]).toBe(
      'Complete CompletionsReached: Reached expected number of succeeded pods',
    );
  });

  it('releases the tracking finalizer of pods whose Job was deleted, so they can go', () => {
    const b = bed({});
    b.api.create(job({ parallelism: 2, completions: 2 }));
    b.advance(2000);
    expect(pods(b)).toHaveLength(2);
    b.api.delete('jobs.batch', 'default', 'pi');
    b.advance(1000);
    expect(pods(b)).toEqual([]);
  });
});
