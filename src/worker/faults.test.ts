import { describe, expect, it } from 'vitest';
import { clusterWithService, httpProbe, labDeployment } from '../engine/traffic/testing';
import { applyFault } from './faults';

describe('applyFault', () => {
  it('breaks, fixes and slows a Deployment’s pods through the faults service', () => {
    const c = clusterWithService();
    const readiness = { readinessProbe: httpProbe('/healthz', { periodSeconds: 1, failureThreshold: 1 }) };
    c.api.create(labDeployment('web', 2, 'kubedojo/hang:1.0', {}, readiness));
    c.advance(10_000);
    const ready = () =>
      c.api
        .list('pods', { namespace: 'default' })
        .filter((p) =>
          p.status?.conditions?.some(
            (x: { type: string; status: string }) => x.type === 'Ready' && x.status === 'True',
          ),
        ).length;
    expect(ready()).toBe(2);
    expect(
      applyFault(c, { type: 'break-endpoint', namespace: 'default', name: 'web', probe: 'readiness' }),
    ).toEqual({ kind: 'ok', message: 'readiness probe of web now fails (/healthz answers 500)' });
    c.advance(3000);
    expect(ready()).toBe(0);
    expect(applyFault(c, { type: 'fix-endpoint', namespace: 'default', name: 'web' })).toEqual({
      kind: 'ok',
      message: 'endpoints of web healthy again',
    });
    c.advance(3000);
    expect(ready()).toBe(2);
    expect(applyFault(c, { type: 'slow-startup', namespace: 'default', name: 'web', seconds: 45 })).toEqual({
      kind: 'ok',
      message: 'web now takes 45s longer to start',
    });
  });

  it('breaks the conventional endpoint when there is no such probe, and fixes a Deployment’s pods too', () => {
    const c = clusterWithService();
    const readiness = { readinessProbe: httpProbe('/healthz', { periodSeconds: 1, failureThreshold: 1 }) };
    c.api.create(labDeployment('web', 2, 'kubedojo/hang:1.0', {}, readiness));
    c.advance(10_000);
    expect(
      applyFault(c, { type: 'break-endpoint', namespace: 'default', name: 'web', probe: 'liveness' }),
    ).toEqual({ kind: 'ok', message: '/healthz of web now answers 500' });
    const pod = c.api.list('pods', { namespace: 'default' })[0].metadata.name;
    expect(
      applyFault(c, { type: 'break-endpoint', namespace: 'default', name: pod, probe: 'readiness' }),
    ).toEqual({ kind: 'ok', message: `readiness probe of ${pod} now fails (/healthz answers 500)` });
    c.advance(3000);
    const ready = (name: string) =>
      c.api.get('pods', 'default', name).status.conditions.find((x: { type: string }) => x.type === 'Ready')
        .status;
    expect(ready(pod)).toBe('False');
    applyFault(c, { type: 'fix-endpoint', namespace: 'default', name: 'web' });
    c.advance(3000);
    expect(ready(pod)).toBe('True');
  });

  it('refuses a start-up delay that is not a whole number of seconds from 1 to 3600', () => {
    const c = clusterWithService();
    for (const seconds of [0, -5, 1.5, 3601])
      expect(applyFault(c, { type: 'slow-startup', namespace: 'default', name: 'web', seconds })).toEqual({
        kind: 'error',
        message: `start-up delay must be 1 to 3600 seconds, got ${seconds}`,
      });
  });
});
