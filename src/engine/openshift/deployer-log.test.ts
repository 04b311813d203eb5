/** The deployer pod's log lines and the DeploymentConfig defaults. */
import { describe, expect, it } from 'vitest';
import { defaultDeploymentConfig, deployerLines } from './deployer-log';

describe('deployer log', () => {
  it('scales the first version straight up (Recreate path)', () => {
    expect(deployerLines({ strategy: 'Rolling', to: 'web-1', desired: 2 })).toEqual([
      '--> Scaling web-1 to 2',
      '--> Success',
    ]);
  });

  it('rolls from the previous version within 25% surge/unavailable', () => {
    expect(
      deployerLines({ strategy: 'Rolling', to: 'web-2', desired: 1, from: { name: 'web-1', replicas: 1 } }),
    ).toEqual([
      "--> Scaling up web-2 from 0 to 1, scaling down web-1 from 1 to 0 (keep 1 pods available, don't exceed 2 pods)",
      '    Scaling web-2 up to 1',
      '    Scaling web-1 down to 0',
      '--> Success',
    ]);
  });

  it('recreates: old version down, one replica for the acceptance check, then the rest', () => {
    expect(
      deployerLines({ strategy: 'Recreate', to: 'web-3', desired: 3, from: { name: 'web-2', replicas: 3 } }),
    ).toEqual([
      '--> Scaling web-2 down to zero',
      '--> Scaling web-3 to 1 before performing acceptance check',
      '--> Scaling web-3 to 3',
      '--> Success',
    ]);
  });
});

describe('DeploymentConfig defaults', () => {
  it('fills strategy, history limit, triggers and selector as openshift-apiserver does', () => {
    const dc = { spec: { replicas: 1, template: { metadata: { labels: { app: 'a' } } } } } as {
      spec: Record<string, unknown>;
    };
    defaultDeploymentConfig(dc);
    expect(dc.spec).toEqual({
      replicas: 1,
      template: { metadata: { labels: { app: 'a' } } },
      triggers: [{ type: 'ConfigChange' }],
      revisionHistoryLimit: 10,
      test: false,
      selector: { app: 'a' },
      strategy: {
        type: 'Rolling',
        activeDeadlineSeconds: 21600,
        resources: {},
        rollingParams: {
          intervalSeconds: 1,
          maxSurge: '25%',
          maxUnavailable: '25%',
          timeoutSeconds: 600,
          updatePeriodSeconds: 1,
        },
      },
    });
  });
});
