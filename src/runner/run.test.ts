import { describe, expect, it } from 'vitest';
import { EDIT_UNAVAILABLE, runScript } from './run';

describe('runScript', () => {
  it('prints the command line, its output and a non-zero exit code', () => {
    const { transcript } = runScript('$ kubectl get pod2\n# a comment\n\n$ kubectl version --client\n');
    expect(transcript).toBe(
      '$ kubectl get pod2\nerror: the server doesn\'t have a resource type "pod2"\n[exit 1]\n$ kubectl version --client\nClient Version: v1.32.3\nKustomize Version: v5.5.0\n',
    );
  });

  it('feeds heredocs as stdin and advances virtual time on sleep, silently', () => {
    const { transcript, cluster } = runScript(
      '$ kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\nEOF\n$ sleep 90\n$ sleep 2m\n$ sleep later\n',
    );
    expect(transcript).toBe(
      "$ kubectl apply -f - <<EOF\nconfigmap/c created\n$ sleep 90\n$ sleep 2m\n$ sleep later\nsleep: invalid time interval 'later'\nTry 'sleep --help' for more information.\n[exit 1]\n",
    );
    // The default cluster warms up for 120 s before the script starts.
    expect(cluster.clock.now()).toBe(120_000 + 90_000 + 120_000);
  });

  it('resolves -f against the script folder through its files', () => {
    const files = new Map([
      ['/scripts/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-file\n'],
    ]);
    const { transcript } = runScript('$ kubectl apply -f cm.yaml\n$ kubectl apply -f ./cm.yaml\n', {
      cwd: '/scripts',
      files: { read: (p) => files.get(p), list: () => [...files.keys()] },
    });
    expect(transcript).toBe(
      '$ kubectl apply -f cm.yaml\nconfigmap/from-file created\n$ kubectl apply -f ./cm.yaml\nconfigmap/from-file unchanged\n',
    );
  });

  it('reports kubectl edit as unavailable', () => {
    const { transcript } = runScript('$ kubectl edit ns default\n');
    expect(transcript).toBe(`$ kubectl edit ns default\n${EDIT_UNAVAILABLE}[exit 1]\n`);
  });

  it('is deterministic for a seed', () => {
    const script =
      '$ kubectl create deployment web --image=nginx --replicas=3\n$ sleep 30\n$ kubectl get pods -o name\n';
    expect(runScript(script, { seed: 5 }).transcript).toBe(runScript(script, { seed: 5 }).transcript);
    expect(runScript(script, { seed: 5 }).cluster.stateHash()).toBe(
      runScript(script, { seed: 5 }).cluster.stateHash(),
    );
  });

  it('keeps files written with > for later commands, in memory', () => {
    const { transcript } = runScript(
      '$ kubectl create configmap c --from-literal=k=v --dry-run=client -o yaml > c.yaml\n$ kubectl apply -f c.yaml\n$ cat c.yaml | grep k:\n',
      { cwd: '/nowhere' },
    );
    expect(transcript).toBe(
      '$ kubectl create configmap c --from-literal=k=v --dry-run=client -o yaml > c.yaml\n$ kubectl apply -f c.yaml\nconfigmap/c created\n$ cat c.yaml | grep k:\n  k: v\n',
    );
  });
});
