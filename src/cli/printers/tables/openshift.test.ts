import { describe, expect, it } from 'vitest';
import type { ResourceType } from '../../../engine/api/kinds';
import { printTable } from '../index';
import { ago, M, NOW, obj, S } from '../testdata/objects';
import { goDuration, unitsHumanDuration } from './openshift';

const os = (kind: string, plural: string, group: string, namespaced = true): ResourceType => ({
  group,
  version: 'v1',
  kind,
  plural,
  singular: kind.toLowerCase(),
  shortNames: [],
  namespaced,
  categories: [],
  verbs: [],
  strategy: {},
});
const ns = { namespace: 'myproject' };

describe('OpenShift tables (oc get)', () => {
  it('routes: HOST/PORT, SERVICES with weights, TERMINATION, WILDCARD', () => {
    const admitted = {
      ingress: [
        { host: 'web-myproject.apps.crc.testing', conditions: [{ type: 'Admitted', status: 'True' }] },
      ],
    };
    const web = obj(
      'route.openshift.io/v1',
      'Route',
      'web',
      {
        spec: {
          host: 'web-myproject.apps.crc.testing',
          to: { kind: 'Service', name: 'web', weight: 100 },
          port: { targetPort: '8080-tcp' },
          tls: { termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect' },
          wildcardPolicy: 'None',
        },
        status: admitted,
      },
      ns,
    );
    const ab = obj(
      'route.openshift.io/v1',
      'Route',
      'ab',
      {
        spec: {
          host: 'ab.example.com',
          path: '/api',
          to: { kind: 'Service', name: 'v1', weight: 90 },
          alternateBackends: [{ kind: 'Service', name: 'v2', weight: 10 }],
          wildcardPolicy: 'None',
        },
      },
      ns,
    );
    expect(printTable(os('Route', 'routes', 'route.openshift.io'), [web, ab], {}, NOW)).toBe(
      'NAME   HOST/PORT                        PATH   SERVICES          PORT       TERMINATION     WILDCARD\n' +
        'web    web-myproject.apps.crc.testing          web               8080-tcp   edge/Redirect   None\n' +
        'ab     ab.example.com                   /api   v1(90%),v2(10%)   <all>                      None\n',
    );
  });

  it('build configs and builds', () => {
    const bc = obj(
      'build.openshift.io/v1',
      'BuildConfig',
      'nodejs-ex',
      {
        spec: {
          source: { git: { uri: 'https://github.com/sclorg/nodejs-ex' } },
          strategy: {
            type: 'Source',
            sourceStrategy: { from: { kind: 'ImageStreamTag', name: 'nodejs:20' } },
          },
        },
        status: { lastVersion: 2 },
      },
      ns,
    );
    expect(printTable(os('BuildConfig', 'buildconfigs', 'build.openshift.io'), [bc], {}, NOW)).toBe(
      'NAME        TYPE     FROM   LATEST\nnodejs-ex   Source   Git    2\n',
    );
    const build = obj(
      'build.openshift.io/v1',
      'Build',
      'nodejs-ex-2',
      {
        spec: {
          source: { git: { uri: 'x' } },
          strategy: { type: 'Source' },
          revision: { git: { commit: '9f3c1d2e4b5a' } },
        },
        status: { phase: 'Complete', startTimestamp: ago(3 * M), duration: 83e9 },
      },
      ns,
    );
    const failed = obj(
      'build.openshift.io/v1',
      'Build',
      'nodejs-ex-1',
      {
        spec: { source: { git: { uri: 'x' } }, strategy: { type: 'Source' } },
        status: { phase: 'Failed', reason: 'GenericBuildFailed', startTimestamp: ago(40 * S) },
      },
      ns,
    );
    expect(printTable(os('Build', 'builds', 'build.openshift.io'), [build, failed], {}, NOW)).toBe(
      'NAME          TYPE     FROM          STATUS                        STARTED          DURATION\n' +
        'nodejs-ex-2   Source   Git@9f3c1d2   Complete                      3 minutes ago    1m23s\n' +
        'nodejs-ex-1   Source   Git           Failed (GenericBuildFailed)   40 seconds ago   \n',
    );
  });

  it('image streams, deployment configs and projects', () => {
    const is = obj(
      'image.openshift.io/v1',
      'ImageStream',
      'nodejs-ex',
      {
        status: {
          dockerImageRepository: 'image-registry.openshift-image-registry.svc:5000/myproject/nodejs-ex',
          tags: [
            { tag: 'v1', items: [{ created: ago(2 * M) }] },
            { tag: 'latest', items: [{ created: ago(1 * M) }] },
          ],
        },
      },
      ns,
    );
    expect(printTable(os('ImageStream', 'imagestreams', 'image.openshift.io'), [is], {}, NOW)).toBe(
      'NAME        IMAGE REPOSITORY                                                       TAGS        UPDATED\n' +
        'nodejs-ex   image-registry.openshift-image-registry.svc:5000/myproject/nodejs-ex   latest,v1   About a minute ago\n',
    );
    const dc = obj(
      'apps.openshift.io/v1',
      'DeploymentConfig',
      'frontend',
      {
        spec: {
          replicas: 2,
          triggers: [
            { type: 'ConfigChange' },
            {
              type: 'ImageChange',
              imageChangeParams: {
                automatic: true,
                from: { kind: 'ImageStreamTag', name: 'frontend:latest' },
              },
            },
          ],
        },
        status: { latestVersion: 3, replicas: 2 },
      },
      ns,
    );
    expect(printTable(os('DeploymentConfig', 'deploymentconfigs', 'apps.openshift.io'), [dc], {}, NOW)).toBe(
      'NAME       REVISION   DESIRED   CURRENT   TRIGGERED BY\nfrontend   3          2         2         config,image(frontend:latest)\n',
    );
    const project = obj(
      'project.openshift.io/v1',
      'Project',
      'myproject',
      { status: { phase: 'Active' } },
      { annotations: { 'openshift.io/display-name': 'My Project' } },
    );
    expect(printTable(os('Project', 'projects', 'project.openshift.io', false), [project], {}, NOW)).toBe(
      'NAME        DISPLAY NAME   STATUS\nmyproject   My Project     Active\n',
    );
  });

  it('formats durations like go-units and Go', () => {
    expect(unitsHumanDuration(500)).toBe('Less than a second');
    expect(unitsHumanDuration(90_000)).toBe('About a minute');
    expect(unitsHumanDuration(3 * 3_600_000)).toBe('3 hours');
    expect(goDuration(3723e9)).toBe('1h2m3s');
    expect(goDuration(45e9)).toBe('45s');
  });
});
