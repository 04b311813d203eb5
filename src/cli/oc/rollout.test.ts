/** DeploymentConfigs through oc: the deprecation warning, rollout history, the deployer pod's log. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { createShell } from '../index';

const WARNING =
  'Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+\n';
const DC = JSON.stringify({
  apiVersion: 'apps.openshift.io/v1',
  kind: 'DeploymentConfig',
  metadata: { name: 'web' },
  spec: {
    replicas: 1,
    selector: { app: 'web' },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    },
  },
});

describe('oc and DeploymentConfigs', () => {
  it('warns, rolls out through deployer pods and keeps the history', () => {
    const c = createCluster({ seed: 9, profile: 'openshift', freezeObjects: true });
    const sh = createShell(c);
    const run = (l: string, stdin?: string) => sh.run(l, stdin === undefined ? {} : { stdin }).output;
    run('oc new-project demo');
    expect(run('oc create -f -', DC)).toBe(`${WARNING}deploymentconfig.apps.openshift.io/web created\n`);
    c.advance(60_000);
    expect(run('oc logs pod/web-1-deploy')).toBe('--> Scaling web-1 to 1\n--> Success\n');
    run('oc rollout latest dc/web');
    c.advance(60_000);
    expect(run('oc logs pod/web-2-deploy')).toBe(
      "--> Scaling up web-2 from 0 to 1, scaling down web-1 from 1 to 0 (keep 1 pods available, don't exceed 2 pods)\n" +
        '    Scaling web-2 up to 1\n    Scaling web-1 down to 0\n--> Success\n',
    );
    expect(run('oc rollout history dc/web')).toBe(
      'deploymentconfig.apps.openshift.io/web \n' +
        'REVISION\tSTATUS\t\tCAUSE\n1\t\tComplete\tconfig change\n2\t\tComplete\tmanual change\n\n',
    );
    const rev = run('oc rollout history dc/web --revision=2');
    expect(rev.split('\n').slice(0, 3)).toEqual([
      'deploymentconfig.apps.openshift.io/web with revision #2',
      'Pod Template:',
      '  Labels:\tapp=web',
    ]);
    expect(run('oc rollout history dc/web --revision=7')).toBe(
      'error: unable to find the specified revision\n',
    );
    const dc = c.api.get('deploymentconfigs.apps.openshift.io', 'demo', 'web');
    expect(dc.spec.strategy.type).toBe('Rolling');
    expect(dc.spec.revisionHistoryLimit).toBe(10);
    expect(dc.spec.triggers).toEqual([{ type: 'ConfigChange' }]);
  });
});
