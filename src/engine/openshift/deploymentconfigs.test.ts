import { describe, expect, it } from 'vitest';
import { testCluster } from '../testing/fixtures';
import { DEPLOYMENT_CONFIGS, rolloutLatest } from './deploymentconfigs';
import { updateNodejsBuilder } from './testing';

function dc(triggers: unknown[], image = 'nginx:1.27') {
  return {
    apiVersion: 'apps.openshift.io/v1',
    kind: 'DeploymentConfig',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { app: 'web' },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
      triggers,
    },
  };
}

const rcNames = (c: ReturnType<typeof testCluster>) =>
  c.api
    .list('replicationcontrollers', { namespace: 'default' })
    .map((r) => `${r.metadata.name}=${r.spec.replicas}`);

describe('DeploymentConfig', () => {
  it('rolls out version 1 on ConfigChange through a deployer pod, then a manual version', () => {
    const c = testCluster({ profile: 'openshift' });
    c.api.create(dc([{ type: 'ConfigChange' }]));
    c.advance(60_000);
    const d = c.api.get(DEPLOYMENT_CONFIGS, 'default', 'web');
    expect(d.status).toMatchObject({ latestVersion: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    const rc = c.api.get('replicationcontrollers', 'default', 'web-1');
    expect(rc.metadata.annotations?.['openshift.io/deployment.phase']).toBe('Complete');
    expect(rc.spec.selector).toEqual({ app: 'web', deployment: 'web-1', deploymentconfig: 'web' });
    expect(c.api.get('pods', 'default', 'web-1-deploy').status.phase).toBe('Succeeded');
    rolloutLatest(c.ctx, 'default', 'web');
    c.advance(60_000);
    expect(rcNames(c)).toEqual(['web-1=0', 'web-2=2']);
    expect(
      c.api.get('replicationcontrollers', 'default', 'web-2').metadata.annotations?.[
        'openshift.io/deployment.status-reason'
      ],
    ).toBe('manual change');
  });

  it('waits for its image, then follows the ImageStreamTag', () => {
    const c = testCluster({ profile: 'openshift' });
    c.api.create(
      dc(
        [
          { type: 'ConfigChange' },
          {
            type: 'ImageChange',
            imageChangeParams: {
              automatic: true,
              containerNames: ['web'],
              from: { kind: 'ImageStreamTag', name: 'web:latest' },
            },
          },
        ],
        ' ',
      ),
    );
    c.advance(5_000);
    expect(c.api.get(DEPLOYMENT_CONFIGS, 'default', 'web').status?.latestVersion ?? 0).toBe(0);
    c.api.create({
      apiVersion: 'image.openshift.io/v1',
      kind: 'ImageStream',
      metadata: { name: 'web', namespace: 'default' },
      spec: { tags: [{ name: 'latest', from: { kind: 'DockerImage', name: 'nginx:1.27' } }] },
    });
    c.advance(60_000);
    const d = c.api.get(DEPLOYMENT_CONFIGS, 'default', 'web');
    expect(d.status.latestVersion).toBe(1);
    expect(d.spec.template.spec.containers[0].image).toMatch(/^docker\.io\/library\/nginx@sha256:/);
    expect(d.status.readyReplicas).toBe(2);
  });
});

describe('DeploymentConfig ImageChange from another namespace', () => {
  it('rolls out again when the followed tag in openshift gets a new image', () => {
    const c = testCluster({ profile: 'openshift' });
    c.api.create(
      dc([
        { type: 'ConfigChange' },
        {
          type: 'ImageChange',
          imageChangeParams: {
            automatic: true,
            containerNames: ['web'],
            from: { kind: 'ImageStreamTag', namespace: 'openshift', name: 'nodejs:20-ubi9' },
          },
        },
      ]),
    );
    c.advance(60_000);
    expect(c.api.get(DEPLOYMENT_CONFIGS, 'default', 'web').status.latestVersion).toBe(1);
    updateNodejsBuilder(c);
    c.advance(60_000);
    const d = c.api.get(DEPLOYMENT_CONFIGS, 'default', 'web');
    expect(d.status.latestVersion).toBe(2);
    expect(d.spec.template.spec.containers[0].image).toMatch(
      /^registry\.access\.redhat\.com\/ubi9\/nodejs-22@sha256:/,
    );
  });
});
