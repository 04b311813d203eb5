/**
 * Every lesson under lessons/: it passes the schema, has both languages, and plays through in the engine
 * (each step's check fails at the step's start and passes after its solution). See selftest.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createShell } from '../cli';
import { createCluster } from '../engine/cluster';
import { loadLessons } from './loader';
import { readLessonFiles } from './node-files';
import { type LessonReport, playLesson } from './selftest';
import { LANGS, MODULES } from './types';
import { formatProblem, validateLessonFiles } from './validate';

const files = readLessonFiles();
const problems = validateLessonFiles(files).map(formatProblem);
// Only schema-valid lessons can be assembled; the first test reports the problems otherwise.
const lessons = problems.length === 0 ? loadLessons(files) : [];

describe('the course', () => {
  it('passes the lesson schema', () => {
    expect(problems).toEqual([]);
  });

  it('is the fundamentals, health-checks, OpenShift and Istio modules, in order, in every language', () => {
    expect(lessons.map((l) => l.id)).toEqual([
      'pods',
      'architecture',
      'deployments',
      'labels-namespaces',
      'services',
      'rolling-updates',
      'configuration',
      'imperative-declarative',
      'probes-liveness',
      'probes-readiness',
      'probes-startup',
      'probes-tuning',
      'openshift-s2i',
      'openshift-build-strategies',
      'openshift-triggers',
      'openshift-imagestreams',
      'openshift-vs-kubernetes',
      'istio-mesh',
      'istio-canary',
      'istio-blue-green',
      'istio-ab-header',
      'istio-resilience',
      'istio-security',
      'istio-observability',
    ]);
    // Each module's lessons sit together, in the course list's module order.
    const modules = lessons.map((l) => l.module);
    expect(modules).toEqual([...modules].sort((a, b) => MODULES.indexOf(a) - MODULES.indexOf(b)));
    expect(
      lessons.filter((l) => l.id.startsWith('openshift-')).every((l) => l.setup.profile === 'openshift'),
    ).toBe(true);
    for (const l of lessons) {
      expect(l.minutes).toBeGreaterThanOrEqual(10);
      expect(l.minutes).toBeLessThanOrEqual(20);
      for (const lang of LANGS) {
        expect(l.recap[lang]).toMatch(/^# /);
        for (const s of l.steps) expect(s.text[lang], `${l.id}/${s.id} ${lang}`).toMatch(/^# /);
      }
    }
  });
});

describe.each(lessons.map((l) => [l.id, l] as const))(
  'lesson %s plays through in the engine',
  (_id, lesson) => {
    let report: LessonReport;
    beforeAll(() => {
      report = playLesson(
        lesson,
        ({ seed, nodes, profile }) => createCluster({ seed, nodes, profile }),
        (cluster, labFiles) => createShell(cluster, { files: labFiles }),
      );
    });

    it('sets up its starting cluster without errors', () => {
      expect(report.setupFailures).toEqual([]);
    });

    it.each(lesson.steps.map((s, i) => [s.id, i] as const))(
      'step %s: fails at its start, passes after its solution',
      (_s, i) => {
        const step = report.steps[i];
        expect(step.failedCommands).toEqual([]);
        expect(step.failedAtStart).toBe(true);
        expect(step.startMissing.length).toBeGreaterThan(0);
        expect({ passed: step.passedAfterSolution, missing: step.endMissing.map((m) => m.en) }).toEqual({
          passed: true,
          missing: [],
        });
      },
    );
  },
);
