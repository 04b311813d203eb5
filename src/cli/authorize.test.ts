/** RBAC on a non-admin user's commands: the API server's 403 wording, and nothing written on denial. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster';
import { createShell } from './index';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`;

function kube() {
  const c = createCluster({ seed: 7, freezeObjects: true });
  const admin = createShell(c);
  const jane = createShell(c, { user: { username: 'jane', groups: ['system:authenticated'] } });
  const asAdmin = (l: string) => expect(admin.run(l).exitCode).toBe(0);
  return {
    c,
    admin,
    asAdmin,
    run: (l: string, stdin?: string) => jane.run(l, stdin === undefined ? {} : { stdin }),
  };
}

const denied = (message: string) => ({ output: `Error from server (Forbidden): ${message}\n`, exitCode: 1 });

describe('RBAC on requests', () => {
  it('refuses a user without bindings with the API server words, namespaced and cluster-scoped', () => {
    const { c, run } = kube();
    expect(run('kubectl get pods')).toEqual(
      denied(
        'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
      ),
    );
    expect(run('kubectl get nodes')).toEqual(
      denied(
        'nodes is forbidden: User "jane" cannot list resource "nodes" in API group "" at the cluster scope',
      ),
    );
    expect(run('kubectl get pods -A')).toEqual(
      denied(
        'pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope',
      ),
    );
    expect(run('kubectl get ns default')).toEqual(
      denied(
        'namespaces "default" is forbidden: User "jane" cannot get resource "namespaces" in API group "" in the namespace "default"',
      ),
    );
    const before = c.api.store.resourceVersion;
    expect(run('kubectl create -f -', DEPLOYMENT)).toEqual(
      denied(
        'error when creating "STDIN": deployments.apps is forbidden: User "jane" cannot create resource "deployments" in API group "apps" in the namespace "default"',
      ),
    );
    expect(c.api.list('deployments.apps', { namespace: 'default' })).toHaveLength(0);
    expect(c.api.store.resourceVersion).toBe(before);
  });

  it('allows what a Role grants, verb by verb and name by name, and leaves the rest untouched', () => {
    const { c, asAdmin, run } = kube();
    asAdmin('kubectl run web --image=nginx');
    asAdmin('kubectl create role pod-reader --verb=get,list --resource=pods');
    asAdmin('kubectl create rolebinding jane-read --role=pod-reader --user=jane');
    asAdmin('kubectl create configmap allowed --from-literal=a=b');
    asAdmin('kubectl create configmap other --from-literal=a=b');
    asAdmin('kubectl create role cm-one --verb=get --resource=configmaps --resource-name=allowed');
    asAdmin('kubectl create rolebinding jane-cm --role=cm-one --user=jane');
    expect(run('kubectl get pods -o name')).toEqual({ output: 'pod/web\n', exitCode: 0 });
    const pod = c.api.get('pods', 'default', 'web');
    expect(run('kubectl delete pod web')).toEqual(
      denied(
        'pods "web" is forbidden: User "jane" cannot delete resource "pods" in API group "" in the namespace "default"',
      ),
    );
    expect(run('kubectl label pod web tier=front')).toEqual(
      denied(
        'pods "web" is forbidden: User "jane" cannot patch resource "pods" in API group "" in the namespace "default"',
      ),
    );
    expect(c.api.get('pods', 'default', 'web')).toBe(pod);
    expect(run('kubectl get cm allowed -o name')).toEqual({ output: 'configmap/allowed\n', exitCode: 0 });
    expect(run('kubectl get cm other')).toEqual(
      denied(
        'configmaps "other" is forbidden: User "jane" cannot get resource "configmaps" in API group "" in the namespace "default"',
      ),
    );
    // resourceNames never match a list.
    expect(run('kubectl get cm').output).toBe(
      'Error from server (Forbidden): configmaps is forbidden: User "jane" cannot list resource "configmaps" in API group "" in the namespace "default"\n',
    );
  });

  it('never refuses the cluster admin', () => {
    const { c, admin, asAdmin } = kube();
    expect(admin.run('kubectl create -f -', { stdin: DEPLOYMENT })).toEqual({
      output: 'deployment.apps/web created\n',
      exitCode: 0,
    });
    asAdmin('kubectl get nodes');
    expect(c.api.list('deployments.apps', { namespace: 'default' })).toHaveLength(1);
  });
});

describe('RBAC for an OpenShift user', () => {
  it('lets developer read the shared image streams and work in a project it requested, nowhere else', () => {
    const c = createCluster({ seed: 7, profile: 'openshift', freezeObjects: true });
    const sh = createShell(c);
    const run = (l: string) => sh.run(l);
    expect(run('oc login -u developer -p developer').exitCode).toBe(0);
    expect(run('oc get pods -n default')).toEqual(
      denied(
        'pods is forbidden: User "developer" cannot list resource "pods" in API group "" in the namespace "default"',
      ),
    );
    expect(run('oc create deployment web --image=nginx -n openshift').output).toContain(
      'deployments.apps is forbidden: User "developer" cannot create resource "deployments" in API group "apps" in the namespace "openshift"\n',
    );
    expect(c.api.list('deployments.apps', { namespace: 'openshift' })).toHaveLength(0);
    expect(run('kubectl get nodes')).toEqual(
      denied(
        'nodes is forbidden: User "developer" cannot list resource "nodes" in API group "" at the cluster scope',
      ),
    );
    expect(run('oc get is nodejs -n openshift -o name')).toEqual({
      output: 'imagestream.image.openshift.io/nodejs\n',
      exitCode: 0,
    });
    expect(run('oc new-project demo').exitCode).toBe(0);
    expect(run('oc create deployment web --image=nginx')).toEqual({
      output: 'deployment.apps/web created\n',
      exitCode: 0,
    });
    expect(run('kubectl get deploy -o name')).toEqual({ output: 'deployment.apps/web\n', exitCode: 0 });
  });
});
