/** The shared OpenShift sample template instantiates through `oc new-app -f` and serves through its Route. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { service } from '../../engine/context';
import type { Network } from '../../engine/network/network';
import { createShell } from '../index';

const SAMPLE = '/work/shared/reference/corpus/openshift-samples/nodejs-ex__nodejs.json';

describe.runIf(existsSync(SAMPLE))('nodejs-ex sample template', () => {
  it('processes, instantiates and reaches Running behind its Route', () => {
    const text = readFileSync(SAMPLE, 'utf8');
    const cluster = createCluster({ seed: 11, profile: 'openshift' });
    const files = {
      read: (p: string) => (p === 'nodejs.json' ? text : undefined),
      list: () => ['nodejs.json'],
    };
    const shell = createShell(cluster, { files });
    shell.run('oc new-project demo');
    expect(shell.run('oc process -f nodejs.json -p NAME=x -o name').output).toBe(
      'service/x\nroute/x\nimagestream/x\nbuildconfig/x\ndeployment/x\n',
    );
    const r = shell.run('oc new-app -f nodejs.json');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain(
      '     The following service(s) have been created in your project: nodejs-example.\n',
    );
    expect(r.output).toMatch(/\* GitHub Webhook Secret=[a-zA-Z0-9]{40} # generated\n/);
    expect(r.output).toContain(
      '--> Creating resources ...\n' +
        '    service "nodejs-example" created\n' +
        '    route.route.openshift.io "nodejs-example" created\n' +
        '    imagestream.image.openshift.io "nodejs-example" created\n' +
        '    buildconfig.build.openshift.io "nodejs-example" created\n' +
        '    deployment.apps "nodejs-example" created\n' +
        '--> Success\n' +
        "    Access your application via route 'nodejs-example-demo.apps.lab.kubedojo.local' \n",
    );
    cluster.advance(150_000);
    expect(shell.run('oc get build nodejs-example-1 -o jsonpath={.status.phase}').output).toBe('Complete');
    expect(shell.run('oc get pods -l name=nodejs-example').output).toMatch(
      /nodejs-example-\S+ +1\/1 +Running/,
    );
    const res = service<Network>(cluster.ctx, 'network').request(
      null,
      'http://nodejs-example-demo.apps.lab.kubedojo.local/',
    );
    expect(res.ok && res.status).toBe(200);
    expect(res.ok && res.body).toContain('Welcome to your Node.js application on OpenShift');
  });
});
