import { describe, expect, it } from 'vitest';
import type { KObject, StoredObject } from '../../api/types';
import { garbageCollector } from '../garbage-collector';
import { jobController } from '../job/job-controller';
import { fakeKubelet, testBed } from '../testbed';
import { cronJobController } from './cronjob-controller';
import {
  mostRecentScheduleTime,
  parseSchedule,
  rfc1123z,
  scheduledTimeInMinutes,
  scheduledTimestamp,
} from './schedule';

// Virtual time 0 is 2025-01-15T09:00:00Z: 28,948,860 minutes after the Unix epoch.
const MINUTE0 = 28_948_860;

function cronJob(spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '* * * * *',
      jobTemplate: {
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [{ name: 'hello', image: 'busybox:1.28', command: ['date'] }],
            },
          },
        },
      },
      ...spec,
    },
  };
}

function bed(runMs = 5000) {
  return testBed([
    cronJobController,
    jobController,
    garbageCollector,
    fakeKubelet({ startMs: 1000, exit: () => ({ phase: 'Succeeded', afterMs: runMs }) }),
  ]);
}
type Bed = ReturnType<typeof bed>;
const jobs = (b: Bed) => b.api.list('jobs.batch', { namespace: 'default' }).map((j) => j.metadata.name);
const getCj = (b: Bed): StoredObject => b.api.get('cronjobs.batch', 'default', 'hello');

describe('CronJob schedule on the virtual clock', () => {
  it('computes next and most recent times and the name suffix', () => {
    const s = parseSchedule('*/5 * * * *');
    expect(s.next(0)).toBe(300_000);
    expect(s.next(299_999)).toBe(300_000);
    expect(scheduledTimeInMinutes(60_000)).toBe(MINUTE0 + 1);
    expect(mostRecentScheduleTime(s, undefined, 0, 3_000_000)).toEqual({
      scheduled: 3_000_000,
      missed: 'few',
      earliest: 0,
    });
    expect(mostRecentScheduleTime(s, undefined, 0, 200_000)).toEqual({ missed: 'none', earliest: 0 });
    expect(mostRecentScheduleTime(parseSchedule('* * * * *'), undefined, 0, 200 * 60_000).missed).toBe(
      'many',
    );
    expect(rfc1123z(300_000)).toBe('Wed, 15 Jan 2025 09:05:00 +0000');
    expect(parseSchedule('0 9 * * *', 'Asia/Tokyo').next(0)).toBe(15 * 3_600_000);
    expect(scheduledTimestamp(15 * 3_600_000, 'Asia/Tokyo')).toBe('2025-01-16T09:00:00+09:00');
    expect(scheduledTimestamp(60_000)).toBe('2025-01-15T09:01:00Z');
  });
});

describe('CronJob controller', () => {
  it('creates <name>-<minutes> on schedule and records the completed run', () => {
    const b = bed();
    b.api.create(cronJob());
    b.takeActions();
    b.advance(59_000);
    expect(jobs(b)).toEqual([]);
    b.advance(1_200);
    const name = `hello-${MINUTE0 + 1}`;
    expect(jobs(b)).toEqual([name]);
    const job = b.api.get('jobs.batch', 'default', name);
    expect(job.metadata.annotations).toEqual({
      'batch.kubernetes.io/cronjob-scheduled-timestamp': '2025-01-15T09:01:00Z',
    });
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'CronJob',
      name: 'hello',
      controller: true,
      blockOwnerDeletion: true,
    });
    expect(getCj(b).status).toMatchObject({
      active: [{ apiVersion: 'batch/v1', kind: 'Job', name, namespace: 'default', uid: job.metadata.uid }],
      lastScheduleTime: '2025-01-15T09:01:00Z',
    });
    b.advance(10_000);
    expect(getCj(b).status).toEqual({
      lastScheduleTime: '2025-01-15T09:01:00Z',
      lastSuccessfulTime: '2025-01-15T09:01:06Z',
    });
    const events = b
      .takeEvents()
      .filter((e) => !e.startsWith('SuccessfulCreate: Created pod') && !e.startsWith('Completed'));
    expect(events).toEqual([
      `SuccessfulCreate: Created job ${name}`,
      `SawCompletedJob: Saw completed job: ${name}, condition: Complete`,
    ]);
  });

  it('keeps three successful Jobs', () => {
    const b = bed();
    b.api.create(cronJob());
    b.advance(6 * 60_000 + 30_000);
    expect(jobs(b)).toEqual([4, 5, 6].map((m) => `hello-${MINUTE0 + m}`));
  });

  it('Forbid skips a run while the previous one is active; Replace replaces it', () => {
    const forbid = bed(150_000);
    forbid.api.create(cronJob({ concurrencyPolicy: 'Forbid' }));
    forbid.advance(125_000);
    expect(jobs(forbid)).toEqual([`hello-${MINUTE0 + 1}`]);
    expect(forbid.takeEvents()).toContain(
      'JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid',
    );

    const replace = bed(150_000);
    replace.api.create(cronJob({ concurrencyPolicy: 'Replace' }));
    replace.advance(125_000);
    expect(jobs(replace)).toEqual([`hello-${MINUTE0 + 2}`]);
    expect(replace.takeEvents()).toContain(`SuccessfulDelete: Deleted job hello-${MINUTE0 + 1}`);
  });

  it('does nothing while suspended and honours startingDeadlineSeconds on resume', () => {
    const late = bed();
    late.api.create(cronJob({ suspend: true }));
    late.advance(150_000);
    expect(jobs(late)).toEqual([]);
    const cj = getCj(late);
    late.api.update({ ...cj, spec: { ...cj.spec, suspend: false } });
    late.advance(100);
    // Without a deadline the missed 09:02 run starts late.
    expect(jobs(late)).toEqual([`hello-${MINUTE0 + 2}`]);

    const strict = bed();
    strict.api.create(cronJob({ suspend: true, startingDeadlineSeconds: 10 }));
    strict.advance(150_000);
    const s = getCj(strict);
    strict.api.update({ ...s, spec: { ...s.spec, suspend: false } });
    strict.advance(100);
    expect(jobs(strict)).toEqual([]);
    strict.advance(31_000);
    expect(jobs(strict)).toEqual([`hello-${MINUTE0 + 3}`]);
  });
});
