/** The shared OpenShift sample template instantiates through `oc new-app -f` and serves through its Route. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { service } from '../../engine/context';
import type { Network } from '../../engine/network/network';
import { createShell } from '../index';

const SAMPLE = '/work/shared/reference/corpus/openshift-samples/nodejs-ex__nodejs.json';

const DC_WARNING =
  'Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+\n';

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

const PG_SAMPLE = '/work/shared/reference/corpus/openshift-samples/nodejs-ex__nodejs-postgresql.json';

describe.runIf(existsSync(SAMPLE) && existsSync(PG_SAMPLE))(
  'sample templates through oc process | oc create',
  () => {
    function shellWithSamples() {
      const texts: Record<string, string> = {
        'nodejs.json': readFileSync(SAMPLE, 'utf8'),
        'pg.json': readFileSync(PG_SAMPLE, 'utf8'),
      };
      const cluster = createCluster({ seed: 11, profile: 'openshift', freezeObjects: true });
      const files = { read: (p: string) => texts[p], list: () => Object.keys(texts) };
      const shell = createShell(cluster, { files });
      shell.run('oc new-project demo');
      return { cluster, run: (l: string) => shell.run(l) };
    }

    it('instantiates nodejs-postgresql: both DeploymentConfigs roll out and the Route answers', () => {
      const { cluster, run } = shellWithSamples();
      expect(run('oc create -f pg.json').output).toBe(
        'template.template.openshift.io/nodejs-postgresql-example created\n',
      );
      expect(run('oc process nodejs-postgresql-example -p NAME=crud | oc apply -f -')).toEqual({
        output:
          'secret/crud created\nservice/crud created\nroute.route.openshift.io/crud created\n' +
          'imagestream.image.openshift.io/crud created\nbuildconfig.build.openshift.io/crud created\n' +
          `${DC_WARNING}deploymentconfig.apps.openshift.io/crud created\nservice/postgresql created\n` +
          `${DC_WARNING}deploymentconfig.apps.openshift.io/postgresql created\n`,
        exitCode: 0,
      });
      cluster.advance(200_000);
      expect(run('oc get build crud-1 -o jsonpath={.status.phase}').output).toBe('Complete');
      expect(run('oc get dc').output).toBe(
        `${DC_WARNING}NAME         REVISION   DESIRED   CURRENT   TRIGGERED BY\n` +
          'crud         1          1         1         config,image(crud:latest)\n' +
          'postgresql   1          1         1         config,image(postgresql:12-el8)\n',
      );
      const pods = run('oc get pods --no-headers').output;
      expect(pods).toMatch(/^crud-1-[a-z0-9]{5} +1\/1 +Running /m);
      expect(pods).toMatch(/^postgresql-1-[a-z0-9]{5} +1\/1 +Running /m);
      expect(run('oc logs dc/postgresql').output).toContain(
        '=> sourcing /usr/share/container-scripts/postgresql/start/set_passwords.sh ...\nALTER ROLE\n',
      );
      const res = service<Network>(cluster.ctx, 'network').request(
        null,
        'http://crud-demo.apps.lab.kubedojo.local/',
      );
      expect(res.ok && res.status).toBe(200);
      expect(res.ok && res.body).toContain(
        'Built from https://github.com/nodeshift-starters/nodejs-rest-http-crud.git',
      );
    });

    it('rejects the nodejs sample Deployment spec.triggers strictly, as oc does, and accepts it with --validate=warn', () => {
      const { cluster, run } = shellWithSamples();
      const strict = run('oc process -f nodejs.json -p NAME=a | oc create -f -');
      expect(strict.exitCode).toBe(1);
      expect(strict.output).toContain(
        'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.triggers"\n',
      );
      expect(run('oc process -f nodejs.json -p NAME=web | oc create --validate=warn -f -')).toEqual({
        output:
          'service/web created\nroute.route.openshift.io/web created\nimagestream.image.openshift.io/web created\n' +
          'buildconfig.build.openshift.io/web created\nWarning: unknown field "spec.triggers"\ndeployment.apps/web created\n',
        exitCode: 0,
      });
      expect(
        run('oc process -f nodejs.json -p NAME=quiet | oc create --validate=false -f -').output,
      ).not.toContain('Warning');
      cluster.advance(150_000);
      expect(run('oc get deploy web -o jsonpath={.status.readyReplicas}').output).toBe('1');
      const res = service<Network>(cluster.ctx, 'network').request(
        null,
        'http://web-demo.apps.lab.kubedojo.local/',
      );
      expect(res.ok && res.body).toContain('Welcome to your Node.js application on OpenShift');
    });
  },
);
