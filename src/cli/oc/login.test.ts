/** `oc login` / `oc logout` / `oc whoami` with the lab's users, and what the logged-in user may do. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { KUBEADMIN_PASSWORD } from '../../engine/openshift/users';
import { createShell } from '../index';

const SERVER = 'https://api.lab.kubedojo.local:6443';

function setup() {
  const c = createCluster({ seed: 7, profile: 'openshift', freezeObjects: true });
  const sh = createShell(c);
  return { c, sh, run: (l: string, stdin?: string) => sh.run(l, stdin === undefined ? {} : { stdin }) };
}

const CUSTOM_BC = JSON.stringify({
  apiVersion: 'build.openshift.io/v1',
  kind: 'BuildConfig',
  metadata: { name: 'custom' },
  spec: {
    strategy: {
      type: 'Custom',
      customStrategy: { from: { kind: 'DockerImage', name: 'quay.io/acme/builder:1' } },
    },
  },
});

describe('oc login', () => {
  it('checks passwords and reports the projects the user can see, as oc does', () => {
    const { run } = setup();
    expect(run('oc login -u developer -p wrong')).toEqual({
      output: 'Login failed (401 Unauthorized)\nVerify you have provided the correct credentials.\n',
      exitCode: 1,
    });
    expect(run('oc whoami').output).toBe('kube:admin\n');
    expect(run(`oc login ${SERVER} -u developer -p developer`)).toEqual({
      output:
        "Login successful.\n\nYou don't have any projects. You can try to create a new project, by running\n\n    oc new-project <projectname>\n\n",
      exitCode: 0,
    });
    expect(run('oc whoami').output).toBe('developer\n');
    expect(run('oc whoami -t').output).toMatch(/^sha256~[A-Za-z0-9_-]{43}\n$/);
    expect(run('oc project default')).toEqual({
      output:
        'error: You are not a member of project "default".\nYou are not a member of any projects. You can request a project to be created with the \'new-project\' command.\n',
      exitCode: 1,
    });
    expect(run('oc new-project dev1').exitCode).toBe(0);
    expect(run('oc whoami --show-context').output).toBe('dev1/api-lab-kubedojo-local:6443/developer\n');
    expect(run('oc get rolebinding admin -n dev1 -o jsonpath={.subjects[0].name}').output).toBe('developer');
    expect(run('oc projects -q').output).toBe('dev1\n');
    expect(run(`oc login -u kubeadmin -p ${KUBEADMIN_PASSWORD}`).output).toBe(
      "Login successful.\n\nYou have access to the following projects and can switch between them with 'oc project <projectname>':\n\n" +
        '    default\n  * dev1\n    kube-node-lease\n    kube-public\n    kube-system\n    openshift\n    openshift-ingress\n\nUsing project "dev1".\n',
    );
    expect(run('oc whoami').output).toBe('kube:admin\n');
    expect(run('oc login -u developer').output).toBe(
      `Logged into "${SERVER}" as "developer" using existing credentials.\n\nYou have one project on this server: "dev1"\n\nUsing project "dev1".\n`,
    );
    expect(run('oc login https://api.other.example:6443 -u developer -p developer').output).toBe(
      'error: dial tcp: lookup api.other.example on 172.30.0.10:53: no such host - verify you have provided the correct host and port and that the server is currently running.\n',
    );
  });

  it('logs out: the token is revoked and requests are Unauthorized until the next login', () => {
    const { run } = setup();
    expect(run('oc logout')).toEqual({
      output: 'error: You must have a token in order to logout.\n',
      exitCode: 1,
    });
    run('oc login -u developer -p developer');
    const token = run('oc whoami -t').output.trim();
    expect(run('oc logout').output).toBe(`Logged "developer" out on "${SERVER}"\n`);
    for (const cmd of ['oc whoami', 'oc get pods'])
      expect(run(cmd)).toEqual({
        output: 'error: You must be logged in to the server (Unauthorized)\n',
        exitCode: 1,
      });
    expect(run(`oc login --token=${token}`)).toEqual({
      output: 'error: The token provided is invalid or expired.\n\n',
      exitCode: 1,
    });
    run('oc login -u developer -p developer');
    const fresh = run('oc whoami -t').output.trim();
    expect(run(`oc login --token=${fresh}`).output).toBe(
      `Logged into "${SERVER}" as "developer" using the token provided.\n\nYou don't have any projects. You can try to create a new project, by running\n\n    oc new-project <projectname>\n\n`,
    );
  });

  it('runs commands as the logged-in user: the Custom build strategy is refused to a developer', () => {
    const { run } = setup();
    run('oc login -u developer -p developer');
    run('oc new-project dev1');
    expect(run('oc create -f -', CUSTOM_BC).output).toBe(
      'Error from server (Forbidden): error when creating "STDIN": buildconfigs.build.openshift.io "custom" is forbidden: build strategy Custom is not allowed\n',
    );
    expect(run('kubectl create -f -', CUSTOM_BC).exitCode).toBe(1);
    run(`oc login -u kubeadmin -p ${KUBEADMIN_PASSWORD}`);
    expect(run('oc create -f -', CUSTOM_BC).output).toBe('buildconfig.build.openshift.io/custom created\n');
  });
});
