import { describe, expect, it } from 'vitest';
import type { KObject } from '../engine/api/types';
import { appliedFiles, type CheckWorld, compare, evaluateCheck, parseDuration } from './checks';
import { parsePath, readPath } from './path';
import type { CheckNode, LearnerAction } from './types';

const msg = (en: string) => ({ en, ja: `${en} (ja)` });

function pod(
  name: string,
  labels: Record<string, string>,
  phase: string,
  ready: boolean,
  namespace = 'default',
): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    status: {
      phase,
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: ready ? 'True' : 'False' },
      ],
    },
  };
}

function world(
  objects: KObject[],
  actions: LearnerAction[] = [],
  traffic: CheckWorld['traffic'] = [],
): CheckWorld {
  return { list: (kind) => objects.filter((o) => o.kind === kind), actions, traffic };
}

const deploy: KObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  status: { readyReplicas: 2 },
};
const ns: KObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } };

describe('paths', () => {
  it('reads keys, indexes, list items by field and quoted keys', () => {
    expect(readPath(deploy, 'spec.template.spec.containers[0].image')).toBe('nginx:1.27');
    expect(readPath(deploy, 'metadata.labels["app.kubernetes.io/name"]')).toBe('web');
    expect(readPath(pod('a', {}, 'Running', true), 'status.conditions[type=Ready].status')).toBe('True');
    expect(readPath(deploy, 'status.missing.deeper')).toBeUndefined();
    expect(parsePath('a[0].b')).toEqual([{ key: 'a' }, { index: 0 }, { key: 'b' }]);
    expect(() => parsePath('a[0')).toThrow('unclosed "["');
    expect(() => parsePath('a[=x]')).toThrow('must be [N], ["key"] or [field=value]');
  });
});

describe('compare', () => {
  it('treats omitted numeric fields as 0 and compares scalars as text', () => {
    expect(compare(undefined, '<=', 0)).toBe(true);
    expect(compare(undefined, '>=', 1)).toBe(false);
    expect(compare(3, '==', '3')).toBe(true);
    expect(compare('True', '!=', 'False')).toBe(true);
    expect(compare(['a', 'b'], 'contains', 'b')).toBe(true);
    expect(compare('nginx:1.27', 'matches', '^nginx:1\\.2[0-9]$')).toBe(true);
    expect(compare(null, 'absent', undefined)).toBe(true);
    expect(compare({}, '==', 'x')).toBe(false);
  });
});

describe('evaluateCheck', () => {
  const ready: CheckNode = {
    kind: 'Deployment',
    name: 'web',
    path: 'status.readyReplicas',
    op: '>=',
    value: 3,
    message: msg('3 ready'),
  };

  it('judges an object field and reports the failure message in both languages', () => {
    expect(evaluateCheck(ready, world([deploy]))).toEqual({ passed: false, missing: [msg('3 ready')] });
    expect(evaluateCheck(ready, world([{ ...deploy, status: { readyReplicas: 3 } }])).passed).toBe(true);
    expect(
      evaluateCheck({ ...ready, namespace: 'other' }, world([{ ...deploy, status: { readyReplicas: 3 } }]))
        .passed,
    ).toBe(false);
  });

  it('does not trust a status that has not caught up with the spec yet', () => {
    const stale = {
      ...deploy,
      metadata: { ...deploy.metadata, generation: 2 },
      status: { observedGeneration: 1, readyReplicas: 3 },
    };
    const current = { ...stale, status: { observedGeneration: 2, readyReplicas: 3 } };
    expect(evaluateCheck(ready, world([stale])).passed).toBe(false);
    expect(evaluateCheck(ready, world([current])).passed).toBe(true);
    const replicas: CheckNode = {
      kind: 'Deployment',
      name: 'web',
      path: 'spec.replicas',
      op: '==',
      value: 3,
      message: msg('spec'),
    };
    expect(evaluateCheck(replicas, world([stale])).passed).toBe(true);
    const counted: CheckNode = {
      count: { kind: 'Deployment', where: [{ path: 'status.readyReplicas', op: '==', value: 3 }] },
      op: '==',
      value: 1,
      message: msg('count'),
    };
    expect(evaluateCheck(counted, world([stale])).passed).toBe(false);
    expect(evaluateCheck(counted, world([current])).passed).toBe(true);
  });

  it('judges existence and absence, ignoring namespaces for cluster-scoped objects', () => {
    expect(evaluateCheck({ kind: 'Namespace', name: 'team-a', message: msg('ns') }, world([ns])).passed).toBe(
      true,
    );
    expect(
      evaluateCheck({ kind: 'Pod', name: 'a', op: 'absent', message: msg('gone') }, world([])).passed,
    ).toBe(true);
    expect(
      evaluateCheck(
        { kind: 'Pod', name: 'a', op: 'absent', message: msg('gone') },
        world([pod('a', {}, 'Running', true)]),
      ).passed,
    ).toBe(false);
    expect(
      evaluateCheck(
        { kind: 'Deployment', name: 'web', path: 'status.readyReplicas', op: 'absent', message: msg('x') },
        world([]),
      ).passed,
    ).toBe(true);
  });

  it('counts objects by selector, namespace and field tests', () => {
    const pods = [
      pod('w1', { app: 'web' }, 'Running', true),
      pod('w2', { app: 'web' }, 'Running', false),
      pod('w3', { app: 'web' }, 'Pending', false),
      pod('w4', { app: 'web' }, 'Running', true, 'team-a'),
      pod('d1', { app: 'db' }, 'Running', true),
    ];
    const count = (value: number, namespace?: string): CheckNode => ({
      count: {
        kind: 'Pod',
        namespace,
        selector: 'app=web',
        where: [{ path: 'status.conditions[type=Ready].status', op: '==', value: 'True' }],
      },
      op: '==',
      value,
      message: msg('count'),
    });
    expect(evaluateCheck(count(1), world(pods)).passed).toBe(true);
    expect(evaluateCheck(count(2, '*'), world(pods)).passed).toBe(true);
    expect(evaluateCheck(count(1, 'team-a'), world(pods)).passed).toBe(true);
    expect(evaluateCheck(count(2), world(pods)).passed).toBe(false);
  });

  it('matches commands the learner ran, successfully unless told otherwise', () => {
    const actions: LearnerAction[] = [
      { type: 'command', line: 'kubectl   logs hello', exitCode: 0, atMs: 1 },
      { type: 'command', line: 'kubectl get pod nope', exitCode: 1, atMs: 2 },
    ];
    expect(
      evaluateCheck({ command: '^kubectl logs hello$', message: msg('logs') }, world([], actions)).passed,
    ).toBe(true);
    expect(
      evaluateCheck({ command: '^kubectl get pod nope$', message: msg('get') }, world([], actions)).passed,
    ).toBe(false);
    expect(
      evaluateCheck(
        { command: '^kubectl get pod nope$', exitCode: 'any', message: msg('get') },
        world([], actions),
      ).passed,
    ).toBe(true);
    expect(
      evaluateCheck(
        { command: '^kubectl get pod nope$', exitCode: 1, message: msg('get') },
        world([], actions),
      ).passed,
    ).toBe(true);
  });

  it('recognises applied files in every -f spelling', () => {
    expect(appliedFiles('kubectl apply -f web.yaml')).toEqual(['web.yaml']);
    expect(appliedFiles('kubectl -n x apply --filename=./a.yaml -f b.yaml -fc.yaml')).toEqual([
      './a.yaml',
      'b.yaml',
      'c.yaml',
    ]);
    expect(appliedFiles('kubectl get -f web.yaml')).toEqual([]);
    expect(appliedFiles("kubectl apply -f 'web.yaml'")).toEqual(['web.yaml']);
    const actions: LearnerAction[] = [
      { type: 'command', line: 'kubectl apply -f ./manifests/web.yaml', exitCode: 0, atMs: 0 },
    ];
    expect(evaluateCheck({ applied: 'web.yaml', message: msg('apply') }, world([], actions)).passed).toBe(
      true,
    );
    expect(evaluateCheck({ applied: 'eb.yaml', message: msg('apply') }, world([], actions)).passed).toBe(
      false,
    );
  });

  it('judges observed traffic: requests to a Service and distinct pods that answered', () => {
    const traffic = [
      { atMs: 1, service: 'web', namespace: 'default', pod: 'web-a', status: 200 },
      { atMs: 2, service: 'web', namespace: 'default', pod: 'web-b', status: 200 },
      { atMs: 3, service: 'api', namespace: 'default', pod: 'api-a', status: 200 },
    ];
    const t = (distinctPods: number): CheckNode => ({
      traffic: { service: 'web', minRequests: 2, distinctPods },
      message: msg('t'),
    });
    expect(evaluateCheck(t(2), world([], [], traffic)).passed).toBe(true);
    expect(evaluateCheck(t(3), world([], [], traffic)).passed).toBe(false);
    expect(evaluateCheck(t(1), { list: () => [], actions: [] }).passed).toBe(false);
  });

  it('combines with all (every failing message) and any (its own message)', () => {
    const a: CheckNode = { kind: 'Pod', name: 'a', message: msg('a') };
    const b: CheckNode = { kind: 'Pod', name: 'b', message: msg('b') };
    const objs = [pod('a', {}, 'Running', true)];
    expect(evaluateCheck({ all: [a, b] }, world([])).missing).toEqual([msg('a'), msg('b')]);
    expect(evaluateCheck({ all: [a, b] }, world(objs)).missing).toEqual([msg('b')]);
    expect(evaluateCheck({ all: [a, b], message: msg('both') }, world(objs)).missing).toEqual([msg('both')]);
    expect(evaluateCheck({ any: [a, b], message: msg('either') }, world(objs)).passed).toBe(true);
    expect(evaluateCheck({ any: [a, b], message: msg('either') }, world([])).missing).toEqual([
      msg('either'),
    ]);
  });

  it('parses durations', () => {
    expect(parseDuration('60s')).toBe(60_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(() => parseDuration('1h')).toThrow('invalid duration "1h"');
  });
});
