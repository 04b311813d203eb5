import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster';
import { createShell } from './index';

function setup() {
  const cluster = createCluster({ seed: 3 });
  const files = new Map([
    ['/lab/web.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  a: "1"\n'],
  ]);
  const shell = createShell(cluster, { files: { read: (p) => files.get(p), list: () => [...files.keys()] } });
  return { cluster, shell };
}

describe('the lab shell', () => {
  it('keeps history of non-empty lines (first line only)', () => {
    const { shell } = setup();
    shell.run('kubectl version --client');
    shell.run('   ');
    shell.run('kubectl apply -f - <<EOF\nignored\nEOF');
    expect(shell.history).toEqual(['kubectl version --client', 'kubectl apply -f - <<EOF']);
    expect(shell.run('history').output).toBe(
      '    1  kubectl version --client\n    2  kubectl apply -f - <<EOF\n    3  history\n',
    );
  });

  it('prints help for a command with its usage line', () => {
    const { shell } = setup();
    const r = shell.run('kubectl scale --help');
    expect(r.exitCode).toBe(0);
    expect(
      r.output.startsWith(
        'Set a new size for a deployment, replica set, replication controller, or stateful set.\n',
      ),
    ).toBe(true);
    expect(r.output).toContain('    --replicas=-1:\n\tThe new desired number of replicas. Required.\n');
    expect(r.output).toContain(
      'Usage:\n  kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]\n',
    );
    expect(shell.run('kubectl rollout -h').output).toContain('Available Commands:\n');
  });

  it('prints the command overview for bare kubectl', () => {
    const { shell } = setup();
    const r = shell.run('kubectl');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain(
      'Basic Commands (Beginner):\n  create          Create a resource from a file or from stdin\n',
    );
  });

  it('resolves relative -f paths against the working folder and settles the clock after writes', () => {
    const { shell, cluster } = setup();
    const r = shell.run('kubectl apply -f web.yaml', { cwd: '/lab' });
    expect(r.output).toBe('configmap/web created\n');
    expect(cluster.api.get('configmaps', 'default', 'web').data).toEqual({ a: '1' });
    expect(shell.run('kubectl apply -f web.yaml', { cwd: '/lab' }).output).toBe('configmap/web unchanged\n');
  });

  it('uses the namespace of the current context', () => {
    const { shell } = setup();
    expect(shell.run('kubectl config set-context --current --namespace=kube-system').output).toBe(
      'Context "kubernetes-admin@kubernetes" modified.\n',
    );
    expect(shell.run('kubectl create configmap x --from-literal=a=b').output).toBe('configmap/x created\n');
    expect(shell.run('kubectl get configmap x -n kube-system -o name').output).toBe('configmap/x\n');
  });

  it('creates contexts, switches with use-context and honours --context', () => {
    const { shell } = setup();
    expect(
      shell.run(
        'kubectl config set-context sys --cluster=kubernetes --user=kubernetes-admin --namespace=kube-system',
      ).output,
    ).toBe('Context "sys" created.\n');
    expect(shell.run('kubectl --context=sys get deploy -o name').output).toBe('deployment.apps/coredns\n');
    expect(shell.run('kubectl get deploy').output).toBe('No resources found in default namespace.\n');
    expect(shell.run('kubectl config use-context sys').output).toBe('Switched to context "sys".\n');
    expect(shell.run('kubectl config current-context').output).toBe('sys\n');
    expect(shell.run('kubectl config get-contexts -o name').output).toBe(
      'kubernetes-admin@kubernetes\nsys\n',
    );
  });

  it('pipes output through grep, head, tail and wc', () => {
    const { shell } = setup();
    expect(shell.run('kubectl api-versions | grep apps').output).toBe('apps/v1\n');
    expect(shell.run('kubectl api-versions | head -n 2').output).toBe(
      'admissionregistration.k8s.io/v1\napiextensions.k8s.io/v1\n',
    );
    expect(shell.run('kubectl api-versions | tail -1').output).toBe('v1\n');
    const count = shell.run('kubectl api-versions').output.split('\n').length - 1;
    expect(shell.run('kubectl api-versions | wc -l').output).toBe(`${count}\n`);
    expect(shell.run('kubectl api-versions | grep nothing-like-this')).toEqual({ output: '', exitCode: 1 });
    expect(shell.run('kubectl api-versions | jq .')).toEqual({
      output: 'jq: command not found\n',
      exitCode: 127,
    });
  });

  it('runs command lists with && and || short-circuits', () => {
    const { shell } = setup();
    expect(shell.run('kubectl create ns a && kubectl create ns a && echo never')).toEqual({
      output: 'namespace/a created\nError from server (AlreadyExists): namespaces "a" already exists\n',
      exitCode: 1,
    });
    expect(shell.run('kubectl get ns b || echo missing; kubectl get ns a -o name')).toEqual({
      output: 'Error from server (NotFound): namespaces "b" not found\nmissing\nnamespace/a\n',
      exitCode: 0,
    });
    expect(shell.run('kubectl get ns &&')).toEqual({
      output: 'bash: syntax error: unexpected end of file\n',
      exitCode: 2,
    });
  });

  it('asks the host to clear the screen', () => {
    const { shell } = setup();
    expect(shell.run('clear')).toEqual({ output: '', exitCode: 0, effects: [{ type: 'clear-screen' }] });
  });

  it('returns an open-editor effect for kubectl edit', () => {
    const { shell } = setup();
    shell.run('kubectl create configmap cfg --from-literal=a=b');
    const r = shell.run('kubectl edit cm cfg');
    expect(r.exitCode).toBe(0);
    expect(r.effects).toHaveLength(1);
    const e = r.effects![0];
    expect(e.type).toBe('open-editor');
    if (e.type === 'open-editor') {
      expect(e).toMatchObject({
        resource: 'configmap',
        name: 'cfg',
        namespace: 'default',
        path: '/tmp/kubectl-edit-cfg.yaml',
      });
      expect(
        e.content.startsWith("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"),
      ).toBe(true);
    }
  });
});

describe('completion', () => {
  it('completes programs, commands, subcommands and flags', () => {
    const { shell } = setup();
    expect(shell.complete('kub', 3)).toEqual(['kubectl']);
    expect(shell.complete('kubectl ge', 10)).toEqual(['get']);
    expect(shell.complete('kubectl rollout ', 16)).toEqual([
      'history',
      'pause',
      'restart',
      'resume',
      'status',
      'undo',
    ]);
    expect(shell.complete('kubectl get --sh', 16)).toEqual([
      '--show-kind',
      '--show-labels',
      '--show-managed-fields',
    ]);
    expect(shell.complete('kubectl create se', 17)).toEqual(['secret', 'service', 'serviceaccount']);
    expect(shell.complete('kubectl config use-context ', 27)).toEqual(['kubernetes-admin@kubernetes']);
    expect(shell.complete('kubectl get pods -o ', 20)).toEqual([
      'custom-columns=',
      'go-template=',
      'json',
      'jsonpath=',
      'name',
      'wide',
      'yaml',
    ]);
  });

  it('completes resource types and object names in the namespace in effect', () => {
    const { shell } = setup();
    expect(shell.complete('kubectl get deploym', 19)).toEqual(['deployment', 'deployments']);
    expect(shell.complete('kubectl get deploy -n kube-system ', 34)).toEqual(['coredns']);
    expect(shell.complete('kubectl describe deploy/co', 26)).toEqual([]);
    expect(shell.complete('kubectl describe deploy/co -n kube-system', 26)).toEqual([]);
    expect(shell.complete('kubectl get nodes node-', 23)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(shell.complete('kubectl get pods -n ', 20)).toEqual([
      'default',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
  });
});
