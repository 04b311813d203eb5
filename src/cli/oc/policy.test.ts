/** RBAC on OpenShift: default roles and project bindings, oc policy, oc projects, kubectl after oc logout. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { createShell } from '../index';

function setup() {
  const c = createCluster({ seed: 7, profile: 'openshift', freezeObjects: true });
  const sh = createShell(c);
  return { c, run: (l: string) => sh.run(l) };
}

describe('RBAC on OpenShift', () => {
  it('gives the requester admin and every project the three default RoleBindings', () => {
    const { run } = setup();
    run('oc login -u developer -p developer');
    run('oc new-project demo');
    expect(run('oc get rolebindings -o name').output).toBe(
      'rolebinding.rbac.authorization.k8s.io/admin\n' +
        'rolebinding.rbac.authorization.k8s.io/system:deployers\n' +
        'rolebinding.rbac.authorization.k8s.io/system:image-builders\n' +
        'rolebinding.rbac.authorization.k8s.io/system:image-pullers\n',
    );
    expect(run('kubectl auth can-i create pods').output).toBe('yes\n');
    expect(run('kubectl auth can-i create buildconfigs').output).toBe('yes\n');
    expect(run('kubectl auth can-i delete rolebindings').output).toBe('yes\n');
    expect(run('kubectl auth can-i create pods -n default')).toEqual({ output: 'no\n', exitCode: 1 });
    expect(run('oc projects').output).toBe(
      'You have one project on this server: "demo".\n\nUsing project "demo" on server "https://api.lab.kubedojo.local:6443".\n',
    );
  });

  it('adds and removes roles with oc policy in oc words', () => {
    const { run, c } = setup();
    run('oc new-project demo');
    expect(run('oc auth can-i create pods --as developer').output).toBe('no\n');
    expect(run('oc policy add-role-to-user edit developer').output).toBe(
      'clusterrole.rbac.authorization.k8s.io/edit added: "developer"\n',
    );
    expect(c.api.get('rolebindings.rbac.authorization.k8s.io', 'demo', 'edit').subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'developer' },
    ]);
    expect(run('oc auth can-i create pods --as developer').output).toBe('yes\n');
    expect(run('oc auth can-i create routes --as developer').output).toBe('yes\n');
    expect(run('oc auth can-i delete rolebindings --as developer').output).toBe('no\n');
    // Already bound: nothing changes, the same line.
    expect(run('oc policy add-role-to-user edit developer').output).toBe(
      'clusterrole.rbac.authorization.k8s.io/edit added: "developer"\n',
    );
    expect(run('oc policy add-role-to-user edit alice').output).toBe(
      'Warning: User \'alice\' not found\nclusterrole.rbac.authorization.k8s.io/edit added: "alice"\n',
    );
    expect(c.api.tryGet('rolebindings.rbac.authorization.k8s.io', 'demo', 'edit-0')?.subjects).toHaveLength(
      1,
    );
    expect(run('oc policy remove-role-from-user edit developer alice').output).toBe(
      'clusterrole.rbac.authorization.k8s.io/edit removed: ["developer" "alice"]\n',
    );
    expect(c.api.tryGet('rolebindings.rbac.authorization.k8s.io', 'demo', 'edit')).toBeUndefined();
    expect(run('oc policy remove-role-from-user edit developer')).toEqual({
      output: 'error: unable to locate any RoleBinding for ClusterRole "edit"\n',
      exitCode: 1,
    });
  });

  it('makes kubectl follow the oc login user and refuses it after oc logout', () => {
    const { run } = setup();
    run('oc login -u developer -p developer');
    run('oc new-project demo');
    expect(run('kubectl auth whoami').output).toContain('developer');
    expect(run('kubectl get pods').output).toBe('No resources found in demo namespace.\n');
    run('oc logout');
    expect(run('kubectl get pods')).toEqual({
      output: 'error: You must be logged in to the server (Unauthorized)\n',
      exitCode: 1,
    });
    expect(run('kubectl config current-context').output).toBe('demo/api-lab-kubedojo-local:6443/developer\n');
    expect(run('oc whoami --show-server').output).toBe('https://api.lab.kubedojo.local:6443\n');
    expect(run('oc whoami --show-context').output).toBe('demo/api-lab-kubedojo-local:6443/developer\n');
    const view = run('kubectl config view --minify').output;
    expect(view).toContain(
      'clusters:\n- cluster:\n    server: https://api.lab.kubedojo.local:6443\n  name: api-lab-kubedojo-local:6443\n',
    );
    expect(view).toContain(
      'users:\n- name: developer/api-lab-kubedojo-local:6443\n  user:\n    token: REDACTED\n',
    );
  });

  it('lists projects with oc project names and the context the admin uses', () => {
    const { run } = setup();
    run('oc new-project demo');
    const out = run('oc projects').output;
    expect(
      out.startsWith(
        "You have access to the following projects and can switch between them with ' project <projectname>':\n\n    default\n  * demo\n",
      ),
    ).toBe(true);
    expect(
      out.endsWith(
        '\nUsing project "demo" from context named "kubernetes-admin@kubernetes" on server "https://api.lab.kubedojo.local:6443".\n',
      ),
    ).toBe(true);
  });
});

describe('default ClusterRoles', () => {
  it('bootstraps cluster-admin, admin, edit and view with aggregated rules on Kubernetes too', () => {
    const c = createCluster({ seed: 3, freezeObjects: true });
    const sh = createShell(c);
    const names = c.api.list('clusterroles.rbac.authorization.k8s.io').map((r) => r.metadata.name);
    expect(names).toEqual(expect.arrayContaining(['admin', 'cluster-admin', 'edit', 'view']));
    const view = c.api.get('clusterroles.rbac.authorization.k8s.io', undefined, 'view');
    expect(view.aggregationRule).toEqual({
      clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }],
    });
    expect(view.rules).toHaveLength(10);
    expect(c.api.get('clusterroles.rbac.authorization.k8s.io', undefined, 'edit').rules).toHaveLength(23);
    sh.run('kubectl create rolebinding dev-view --clusterrole=view --serviceaccount=default:dev');
    expect(sh.run('kubectl auth can-i list pods --as system:serviceaccount:default:dev').output).toBe(
      'yes\n',
    );
    expect(sh.run('kubectl auth can-i create pods --as system:serviceaccount:default:dev').output).toBe(
      'no\n',
    );
    expect(sh.run('kubectl auth can-i get secrets --as system:serviceaccount:default:dev').output).toBe(
      'no\n',
    );
  });
});
