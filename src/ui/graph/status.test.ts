import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ObjectView } from '../../protocol/views';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { accessibleName } from './names';
import { type Box, nearestInDirection } from './navigation';
import { KIND_BADGE, objectLook, podLook } from './status';

describe('podLook', () => {
  it('gives every kubectl pod status a distinct tone and icon', () => {
    expect(podLook({ status: 'Running', podReady: true })).toEqual({ tone: 'ok', icon: '●' });
    expect(podLook({ status: 'Running', podReady: false })).toEqual({ tone: 'warn', icon: '◐' });
    expect(podLook({ status: 'Pending' }).tone).toBe('waiting');
    expect(podLook({ status: 'ContainerCreating' }).tone).toBe('progress');
    expect(podLook({ status: 'CrashLoopBackOff' }).tone).toBe('error');
    expect(podLook({ status: 'ImagePullBackOff' }).tone).toBe('image');
    expect(podLook({ status: 'ErrImagePull' }).tone).toBe('image');
    expect(podLook({ status: 'Terminating' }).tone).toBe('gone');
    expect(podLook({ status: 'Completed' }).tone).toBe('done');
    expect(podLook({ status: 'Init:0/1' }).tone).toBe('progress');
    expect(podLook({ status: 'Init:CrashLoopBackOff' }).tone).toBe('error');
  });
});

describe('accessibleName', () => {
  it('reads a pod as "Pod <name>, <status>, <ready> ready" with restarts when there are any', async () => {
    const t = await i18next.createInstance().init({ lng: 'en', resources: { en: { translation: en } } });
    const pod: ObjectView = {
      uid: 'u',
      kind: 'Pod',
      name: 'web-7c9f8d6b5-x2k9p',
      namespace: 'default',
      status: 'Running',
      ready: '1/1',
      labels: {},
    };
    expect(accessibleName(pod, t)).toBe('Pod web-7c9f8d6b5-x2k9p, Running, 1/1 ready');
    expect(accessibleName({ ...pod, restarts: 1 }, t)).toBe(
      'Pod web-7c9f8d6b5-x2k9p, Running, 1/1 ready, 1 restart',
    );
    expect(accessibleName({ ...pod, kind: 'Deployment', name: 'web', ready: '2/3' }, t)).toBe(
      'Deployment web, 2/3 ready',
    );
    expect(
      accessibleName({ ...pod, kind: 'Service', name: 'web', status: 'ClusterIP', ready: undefined }, t),
    ).toBe('Service web, ClusterIP');
  });
});

describe('the build chain', () => {
  const base: ObjectView = {
    uid: 'u',
    kind: 'Build',
    name: 'app-2',
    namespace: 'demo',
    status: 'New',
    labels: {},
  };

  it('gives each build phase its tone, and DeploymentConfigs and RCs the workload tones', () => {
    const tone = (kind: ObjectView['kind'], status: string, extra: Partial<ObjectView> = {}) =>
      objectLook({ ...base, kind, status, ...extra }).tone;
    expect(
      ['New', 'Pending', 'Running', 'Complete', 'Failed', 'Error', 'Cancelled'].map((p) => tone('Build', p)),
    ).toEqual(['waiting', 'waiting', 'progress', 'done', 'error', 'error', 'gone']);
    expect(tone('DeploymentConfig', '2/2', { ready: '2/2' })).toBe('ok');
    expect(tone('ReplicationController', '0/2', { ready: '0/2' })).toBe('warn');
    expect(tone('ImageStreamTag', 'latest@<none>')).toBe('waiting');
    expect(tone('ImageStreamTag', 'latest@sha256:931026f47587')).toBe('neutral');
    const route = { host: 'a-demo.apps.lab.kubedojo.local', weights: [] };
    expect(tone('Route', 'a-demo.apps.lab.kubedojo.local', { route: { ...route, admitted: false } })).toBe(
      'waiting',
    );
    expect(KIND_BADGE.BuildConfig).toBe('bc');
    expect(KIND_BADGE.ImageStreamTag).toBe('istag');
    expect(KIND_BADGE.DeploymentConfig).toBe('dc');
  });

  it('names builds by stage, configs by their latest build, tags by digest, routes by host (en, ja)', async () => {
    const en_ = await i18next.createInstance().init({ lng: 'en', resources: { en: { translation: en } } });
    const ja_ = await i18next.createInstance().init({ lng: 'ja', resources: { ja: { translation: ja } } });
    const running = { ...base, status: 'Running' };
    expect(accessibleName(running, en_, { stage: 'PushImage' })).toBe('Build app-2, Running, pushing');
    expect(accessibleName(running, ja_, { stage: 'PushImage' })).toBe('Build app-2、Running、プッシュ中');
    expect(accessibleName({ ...base, status: 'Complete' }, en_)).toBe('Build app-2, Complete');
    const bc = { ...base, kind: 'BuildConfig' as const, name: 'app', status: '#2' };
    expect(accessibleName(bc, en_, { latestPhase: 'Running' })).toBe(
      'BuildConfig app, latest build #2 Running',
    );
    expect(accessibleName({ ...bc, status: '#0' }, en_)).toBe('BuildConfig app, no builds yet');
    const tag = {
      ...base,
      kind: 'ImageStreamTag' as const,
      name: 'app:latest',
      status: 'latest@sha256:931026f47587',
    };
    expect(accessibleName(tag, en_)).toBe('ImageStreamTag app:latest, image sha256:931026f47587');
    expect(accessibleName({ ...tag, status: 'latest@<none>' }, ja_)).toBe(
      'ImageStreamTag app:latest、イメージはまだありません',
    );
    const host = 'app-demo.apps.lab.kubedojo.local';
    const route = { ...base, kind: 'Route' as const, name: 'app', status: host };
    expect(accessibleName({ ...route, route: { host, admitted: true, weights: [] } }, en_)).toBe(
      `Route app, host ${host}, admitted`,
    );
    expect(accessibleName({ ...route, route: { host, admitted: false, weights: [] } }, en_)).toBe(
      `Route app, host ${host}, not admitted yet`,
    );
    expect(accessibleName({ ...base, kind: 'DeploymentConfig', name: 'legacy', ready: '1/2' }, en_)).toBe(
      'DeploymentConfig legacy, 1/2 ready',
    );
  });
});

describe('translations', () => {
  it('have the same keys in English and Japanese', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, val]) =>
        typeof val === 'object' ? keys(val, `${p}${k}.`) : [`${p}${k}`],
      );
    expect(keys(ja).sort()).toEqual(keys(en).sort());
  });
});

describe('nearestInDirection', () => {
  const box = (x: number, y: number): Box => ({ x, y, width: 10, height: 10 });
  it('prefers the closest box straight ahead over a diagonal one', () => {
    const from = box(0, 0);
    const boxes = [box(100, 0), box(40, 40), box(-50, 0), box(0, 60)];
    expect(nearestInDirection(from, boxes, 'ArrowRight')).toBe(0);
    expect(nearestInDirection(from, boxes, 'ArrowLeft')).toBe(2);
    expect(nearestInDirection(from, boxes, 'ArrowDown')).toBe(3);
    expect(nearestInDirection(from, boxes, 'ArrowUp')).toBe(-1);
  });
});
