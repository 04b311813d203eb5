/** Golden transcripts of `oc` through createShell on an OpenShift cluster. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { createShell } from '../index';

function setup() {
  const cluster = createCluster({ seed: 7, profile: 'openshift' });
  const shell = createShell(cluster);
  return { cluster, shell };
}

function follow(r: ReturnType<ReturnType<typeof createShell>['run']>) {
  const seen = { text: '', code: undefined as number | undefined };
  r.stream?.subscribe(
    (t) => {
      seen.text += t;
    },
    (c) => {
      seen.code = c;
    },
  );
  return seen;
}

const SERVER = 'https://api.lab.kubedojo.local:6443';

describe('oc projects', () => {
  it('creates a project, switches to it and lists projects', () => {
    const { shell } = setup();
    const r = shell.run('oc new-project demo --display-name="Demo App"');
    expect(r.exitCode).toBe(0);
    expect(r.output.split('\n')[0]).toBe(`Now using project "demo" on server "${SERVER}".`);
    expect(r.output).toContain('    oc new-app rails-postgresql-example\n');
    expect(shell.run('oc project').output).toBe(
      `Using project "demo" from context named "kubernetes-admin@kubernetes" on server "${SERVER}".\n`,
    );
    expect(shell.run('oc project demo').output).toBe(`Already on project "demo" on server "${SERVER}".\n`);
    expect(shell.run('oc project default').output).toBe(
      `Now using project "default" on server "${SERVER}".\n`,
    );
    expect(shell.run('oc projects').output).toBe(
      "You have access to the following projects and can switch between them with ' project <projectname>':\n\n" +
        '  * default\n    demo - Demo App\n    kube-node-lease\n    kube-public\n    kube-system\n    openshift\n    openshift-ingress\n\n' +
        `Using project "default" from context named "kubernetes-admin@kubernetes" on server "${SERVER}".\n`,
    );
    expect(shell.run('oc new-project demo').output).toBe(
      'Error from server (AlreadyExists): project.project.openshift.io "demo" already exists\n',
    );
    expect(shell.run('oc get projects demo').output).toBe(
      'NAME   DISPLAY NAME   STATUS\ndemo   Demo App       Active\n',
    );
    expect(shell.run('oc whoami').output).toBe('kube:admin\n');
    expect(shell.run('oc whoami --show-server').output).toBe(`${SERVER}\n`);
  });

  it('runs kubectl commands under oc with oc in usage hints', () => {
    const { shell } = setup();
    expect(shell.run('oc get ns kube-system -o name').output).toBe('namespace/kube-system\n');
    expect(shell.run('oc get pods --badflag')).toEqual({
      output: "error: unknown flag: --badflag\nSee 'oc get --help' for usage.\n",
      exitCode: 1,
    });
  });
});

describe('oc new-app from source to route', () => {
  it('builds nodejs-ex with S2I, rolls it out and exposes it', () => {
    const { shell, cluster } = setup();
    shell.run('oc new-project demo');
    const r = shell.run('oc new-app nodejs~https://github.com/sclorg/nodejs-ex');
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(
      /^--> Found image [0-9a-f]{7} \(2 weeks old\) in image stream "openshift\/nodejs" under tag "22-ubi9" for "nodejs"\n\n {4}Node\.js 22\n/,
    );
    expect(r.output).toContain(
      '    * A source build using source code from https://github.com/sclorg/nodejs-ex will be created\n' +
        '      * The resulting image will be pushed to image stream tag "nodejs-ex:latest"\n' +
        "      * Use 'oc start-build' to trigger a new build\n" +
        '    * This image will be deployed in deployment "nodejs-ex"\n' +
        '    * Port 8080/tcp will be load balanced by service "nodejs-ex"\n' +
        '      * Other containers can access this service through the hostname "nodejs-ex"\n\n' +
        '--> Creating resources ...\n' +
        '    imagestream.image.openshift.io "nodejs-ex" created\n' +
        '    buildconfig.build.openshift.io "nodejs-ex" created\n' +
        '    deployment.apps "nodejs-ex" created\n' +
        '    service "nodejs-ex" created\n' +
        '--> Success\n' +
        "    Build scheduled, use 'oc logs -f buildconfig/nodejs-ex' to track its progress.\n",
    );
    cluster.advance(2000);
    expect(shell.run('oc get bc').output).toBe(
      'NAME        TYPE     FROM   LATEST\nnodejs-ex   Source   Git    1\n',
    );
    const logs = follow(shell.run('oc logs -f bc/nodejs-ex'));
    cluster.advance(90_000);
    expect(logs.code).toBe(0);
    const lines = logs.text.split('\n');
    expect(lines[0]).toBe('Cloning "https://github.com/sclorg/nodejs-ex" ...');
    expect(lines).toContain('---> Building your Node application from source');
    expect(lines).toContain('Push successful');
    expect(shell.run('oc get builds').output).toMatch(
      /^NAME +TYPE +FROM +STATUS +STARTED +DURATION\nnodejs-ex-1 +Source +Git@[0-9a-f]{7} +Complete +/,
    );
    const pods = shell.run('oc get pods').output;
    expect(pods).toMatch(/nodejs-ex-1-build +0\/1 +Completed/);
    expect(pods).toMatch(/nodejs-ex-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running/);
    expect(shell.run('oc expose svc/nodejs-ex').output).toBe('route.route.openshift.io/nodejs-ex exposed\n');
    expect(shell.run('oc get route').output).toBe(
      'NAME        HOST/PORT                                PATH   SERVICES    PORT       TERMINATION   WILDCARD\n' +
        'nodejs-ex   nodejs-ex-demo.apps.lab.kubedojo.local          nodejs-ex   8080-tcp                 None\n',
    );
    const status = shell.run('oc status').output.split('\n');
    expect(status.slice(0, 5)).toEqual([
      `In project demo on server ${SERVER}`,
      '',
      'http://nodejs-ex-demo.apps.lab.kubedojo.local to pod port 8080-tcp (svc/nodejs-ex)',
      '  deployment/nodejs-ex deploys istag/nodejs-ex:latest <-',
      '    bc/nodejs-ex source builds https://github.com/sclorg/nodejs-ex on openshift/nodejs:22-ubi9 ',
    ]);
    expect(status[5]).toMatch(
      /^ {6}build #1 succeeded \d+ seconds ago - [0-9a-f]{7}: Merge pull request #301/,
    );
  });

  it('starts, follows and cancels builds', () => {
    const { shell, cluster } = setup();
    shell.run('oc new-project demo');
    shell.run('oc new-app nodejs~https://github.com/sclorg/nodejs-ex');
    cluster.advance(1000);
    expect(shell.run('oc start-build nodejs-ex').output).toBe(
      'build.build.openshift.io/nodejs-ex-2 started\n',
    );
    expect(shell.run('oc cancel-build nodejs-ex-2').output).toBe(
      'build.build.openshift.io/nodejs-ex-2 marked for cancellation, waiting to be cancelled\n' +
        'build.build.openshift.io/nodejs-ex-2 cancelled\n',
    );
    const r = shell.run('oc start-build bc/nodejs-ex --follow');
    expect(r.output).toBe('build.build.openshift.io/nodejs-ex-3 started\n');
    const seen = follow(r);
    cluster.advance(120_000);
    expect(seen.code).toBe(0);
    expect(seen.text.startsWith('Cloning "https://github.com/sclorg/nodejs-ex" ...\n')).toBe(true);
    expect(shell.run('oc start-build nope').output).toBe(
      'Error from server (NotFound): buildconfigs.build.openshift.io "nope" not found\n',
    );
  });
});

describe('oc new-app from an image and oc new-build', () => {
  it('deploys an image with a tracking image stream', () => {
    const { shell, cluster } = setup();
    shell.run('oc new-project demo');
    const r = shell.run('oc new-app nginx');
    expect(r.output).toMatch(
      /^--> Found container image [0-9a-f]{7} \(2 weeks old\) from Docker Hub for "nginx"\n\n/,
    );
    expect(r.output).toContain(
      '    * An image stream tag will be created as "nginx:latest" that will track this image\n' +
        '    * This image will be deployed in deployment "nginx"\n' +
        '    * Port 80/tcp will be load balanced by service "nginx"\n' +
        '      * Other containers can access this service through the hostname "nginx"\n\n' +
        '--> Creating resources ...\n' +
        '    imagestream.image.openshift.io "nginx" created\n' +
        '    deployment.apps "nginx" created\n' +
        '    service "nginx" created\n' +
        '--> Success\n',
    );
    cluster.advance(30_000);
    expect(shell.run('oc get deploy nginx').output).toMatch(/nginx +1\/1 +1 +1 /);
  });

  it('creates only the build half with oc new-build', () => {
    const { shell, cluster } = setup();
    shell.run('oc new-project demo');
    const r = shell.run('oc new-build python~https://github.com/sclorg/django-ex --name=py');
    expect(r.output).toContain(
      '--> Creating resources with label build=py ...\n' +
        '    imagestream.image.openshift.io "py" created\n' +
        '    buildconfig.build.openshift.io "py" created\n' +
        '--> Success\n',
    );
    cluster.advance(90_000);
    expect(shell.run('oc get build py-1 -o jsonpath={.status.phase}').output).toBe('Complete');
    expect(shell.run('oc get deploy').output).toBe('No resources found in demo namespace.\n');
  });
});

describe('oc rollout latest', () => {
  it('starts a new DeploymentConfig version', () => {
    const { shell, cluster } = setup();
    shell.run('oc new-project demo');
    cluster.api.create({
      apiVersion: 'apps.openshift.io/v1',
      kind: 'DeploymentConfig',
      metadata: { name: 'web', namespace: 'demo' },
      spec: {
        replicas: 1,
        selector: { app: 'web' },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
        },
        triggers: [{ type: 'ConfigChange' }],
      },
    });
    cluster.advance(30_000);
    expect(shell.run('oc rollout latest dc/web').output).toBe(
      'deploymentconfig.apps.openshift.io/web rolled out\n',
    );
    cluster.advance(30_000);
    expect(shell.run('oc get dc').output).toBe(
      'Warning: apps.openshift.io/v1 DeploymentConfig is deprecated in v4.14+, unavailable in v4.10000+\n' +
        'NAME   REVISION   DESIRED   CURRENT   TRIGGERED BY\nweb    2          1         1         config\n',
    );
    expect(shell.run('oc status').output.split('\n').slice(2, 5)).toEqual([
      'dc/web deploys nginx:1.27',
      '  deployment #2 deployed 30 seconds ago - 1 pod',
      '  deployment #1 deployed 1 minute ago',
    ]);
    expect(shell.run('oc rollout latest dc/nope').output).toBe(
      'Error from server (NotFound): deploymentconfigs.apps.openshift.io "nope" not found\n',
    );
  });
});

describe('oc image streams', () => {
  it('imports from the catalog and tags between streams', () => {
    const { shell, cluster } = setup();
    shell.run('oc new-project demo');
    const r = shell.run('oc import-image nginx --from=docker.io/library/nginx:1.27 --confirm');
    expect(r.output).toMatch(
      /^imagestream\.image\.openshift\.io\/nginx imported\n\nName:\t\t\tnginx\nNamespace:\t\tdemo\n/,
    );
    expect(r.output).toMatch(/\n {2}\* docker\.io\/library\/nginx@sha256:[0-9a-f]{64}\n/);
    const t = shell.run('oc tag nginx:latest nginx:prod');
    expect(t.output).toMatch(/^Tag nginx:prod set to nginx@sha256:[0-9a-f]{64}\.\n$/);
    cluster.advance(1000);
    expect(shell.run('oc get is nginx').output).toMatch(
      /nginx +image-registry\.openshift-image-registry\.svc:5000\/demo\/nginx +latest,prod|prod,latest/,
    );
    expect(shell.run('oc import-image nope --from=docker.io/library/nope:1 --confirm').exitCode).toBe(1);
  });
});
