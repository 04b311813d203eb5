import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ObjectView } from '../../protocol/views';
import { en } from '../i18n/en';
import { ja } from '../i18n/ja';
import { accessibleName } from './names';
import { type Box, nearestInDirection } from './navigation';
import { podLook } from './status';

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
