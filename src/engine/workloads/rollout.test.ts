import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../api/types';
import { deploymentController } from '../controllers/deployment/deployment-controller';
import { replicaSetController } from '../controllers/replicaset/replicaset-controller';
import { fakeKubelet, testBed } from '../controllers/testbed';
import { deployment } from '../testing/fixtures';
import {
  deploymentReplicaSets,
  formatHistory,
  RolloutError,
  rolloutHistory,
  rolloutPause,
  rolloutRestart,
  rolloutStatus,
  rolloutUndo,
} from './rollout';

function bed() {
  const b = testBed([
    deploymentController,
    replicaSetController,
    fakeKubelet({ startMs: 1000, stopMs: 500 }),
  ]);
  b.api.create(deployment('web', 3));
  return b;
}
type Bed = ReturnType<typeof bed>;
const D = 'deployments.apps';
const getD = (b: Bed): StoredObject => b.api.get(D, 'default', 'web');

function setImage(b: Bed, image: string, cause?: string): void {
  const d = getD(b);
  b.api.update({
    ...d,
    metadata: {
      ...d.metadata,
      annotations: { ...d.metadata.annotations, ...(cause ? { 'kubernetes.io/change-cause': cause } : {}) },
    },
    spec: { ...d.spec, template: { ...d.spec.template, spec: { containers: [{ name: 'web', image }] } } },
  });
}

const status = (b: Bed) => rolloutStatus(b.api, D, 'default', 'web').text;

describe('kubectl rollout for Deployments', () => {
  it('status walks through the real messages', () => {
    const b = bed();
    expect(status(b)).toBe('Waiting for deployment spec update to be observed...\n');
    b.advance(50);
    expect(status(b)).toBe(
      'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\n',
    );
    b.advance(2000);
    expect(rolloutStatus(b.api, D, 'default', 'web')).toEqual({
      text: 'deployment "web" successfully rolled out\n',
      done: true,
    });
    setImage(b, 'nginx:1.28');
    b.advance(50);
    expect(status(b)).toBe(
      'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
    );
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      b.advance(100);
      seen.add(status(b));
    }
    expect(seen).toContain(
      'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...\n',
    );
    expect(status(b)).toBe('deployment "web" successfully rolled out\n');
    expect(() => rolloutStatus(b.api, D, 'default', 'web', 1)).toThrowError(
      'desired revision (1) is different from the running revision (2)',
    );
  });

  it('history lists revisions with their change-cause; undo goes back and renumbers', () => {
    const b = bed();
    b.advance(2000);
    setImage(b, 'nginx:1.28', 'kubectl set image deployment/web web=nginx:1.28');
    b.advance(10_000);
    expect(formatHistory(rolloutHistory(b.api, D, 'default', 'web'))).toBe(
      'REVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deployment/web web=nginx:1.28\n',
    );
    const [, second] = rolloutHistory(b.api, D, 'default', 'web');
    expect(
      (second.template as { metadata: { annotations: Record<string, string> } }).metadata.annotations,
    ).toEqual({
      'kubernetes.io/change-cause': 'kubectl set image deployment/web web=nginx:1.28',
    });
    expect(rolloutUndo(b.api, D, 'default', 'web')).toBe('rolled back');
    b.advance(10_000);
    expect(getD(b).spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(getD(b).spec.template.metadata.labels).toEqual({ app: 'web' });
    expect(rolloutHistory(b.api, D, 'default', 'web').map((h) => [h.revision, h.changeCause])).toEqual([
      [2, 'kubectl set image deployment/web web=nginx:1.28'],
      [3, undefined],
    ]);
    const [rs] = b.api
      .list('replicasets.apps', { namespace: 'default' })
      .filter((r) => r.spec.replicas === 3);
    expect(rs.metadata.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    const sets = deploymentReplicaSets(b.api, getD(b));
    expect(sets.newRS?.metadata.name).toBe(rs.metadata.name);
    expect(sets.oldRSs).toEqual([]);
    expect(sets.allOldRSs).toHaveLength(1);
    expect(rolloutUndo(b.api, D, 'default', 'web', 3)).toBe(
      'skipped rollback (current template already matches revision 3)',
    );
    expect(() => rolloutUndo(b.api, D, 'default', 'web', 7)).toThrowError(
      'unable to find specified revision 7 in history',
    );
  });

  it('pause, resume and restart with kubectl wording', () => {
    const b = bed();
    b.advance(2000);
    expect(rolloutPause(b.api, D, 'default', 'web')).toBe('paused');
    expect(() => rolloutPause(b.api, D, 'default', 'web')).toThrowError(
      'deployments.apps "web" is already paused',
    );
    expect(() => rolloutUndo(b.api, D, 'default', 'web')).toThrowError(RolloutError);
    expect(() => rolloutRestart(b.api, b.clock, D, 'default', 'web')).toThrowError(
      "can't restart paused deployment (run rollout resume first)",
    );
    expect(rolloutPause(b.api, D, 'default', 'web', false)).toBe('resumed');
    expect(() => rolloutPause(b.api, D, 'default', 'web', false)).toThrowError(
      'deployments.apps "web" is not paused',
    );
    expect(rolloutRestart(b.api, b.clock, D, 'default', 'web')).toBe('restarted');
    expect(getD(b).spec.template.metadata.annotations).toEqual({
      'kubectl.kubernetes.io/restartedAt': '2025-01-15T09:00:02Z',
    });
    expect(() => rolloutRestart(b.api, b.clock, D, 'default', 'web')).toThrowError(
      /if restart has already been triggered within the past second/,
    );
    b.advance(10_000);
    const pods = b.api.list('pods', { namespace: 'default' });
    expect(pods).toHaveLength(3);
    for (const p of pods)
      expect(p.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2025-01-15T09:00:02Z' });
  });
});
