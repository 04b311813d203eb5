/** Commands that keep running after they return (wait, get -w, rollout status): their streams over virtual time. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster';
import { createShell } from './index';

function setup() {
  const cluster = createCluster({ seed: 21 });
  const shell = createShell(cluster);
  expect(shell.run('kubectl create configmap cfg --from-literal=a=1').exitCode).toBe(0);
  return { cluster, shell };
}

function collect(stream: NonNullable<ReturnType<ReturnType<typeof createShell>['run']>['stream']>) {
  const seen = { text: '', code: undefined as number | undefined };
  const stop = stream.subscribe(
    (t) => {
      seen.text += t;
    },
    (c) => {
      seen.code = c;
    },
  );
  return { seen, stop };
}

describe('kubectl wait', () => {
  it('returns at once when the condition already holds', () => {
    const { shell } = setup();
    const r = shell.run("kubectl wait --for=jsonpath='{.data.a}'=1 configmap/cfg");
    expect(r).toEqual({ output: 'configmap/cfg condition met\n', exitCode: 0 });
  });

  it('streams until the condition is met', () => {
    const { shell, cluster } = setup();
    const r = shell.run("kubectl wait --for=jsonpath='{.data.a}'=2 configmap/cfg --timeout=1m");
    expect(r.output).toBe('');
    const { seen } = collect(r.stream!);
    cluster.advance(5_000);
    expect(seen).toEqual({ text: '', code: undefined });
    shell.run(`kubectl patch configmap cfg --type=merge -p '{"data":{"a":"2"}}'`);
    expect(seen).toEqual({ text: 'configmap/cfg condition met\n', code: 0 });
  });

  it('times out with kubectl message and exit 1', () => {
    const { shell, cluster } = setup();
    const r = shell.run("kubectl wait --for=jsonpath='{.data.a}'=2 configmap/cfg");
    const { seen } = collect(r.stream!);
    cluster.advance(29_000);
    expect(seen.code).toBeUndefined();
    cluster.advance(1_000);
    expect(seen).toEqual({ text: 'error: timed out waiting for the condition on configmaps/cfg\n', code: 1 });
  });

  it('waits for deletion', () => {
    const { shell } = setup();
    const r = shell.run('kubectl wait --for=delete configmap/cfg');
    const { seen } = collect(r.stream!);
    expect(shell.run('kubectl delete configmap cfg').output).toBe('configmap "cfg" deleted\n');
    expect(seen).toEqual({ text: 'configmap/cfg condition met\n', code: 0 });
  });
});

describe('kubectl get -w', () => {
  it('prints a row per change of matching objects, until stopped', () => {
    const { shell } = setup();
    const r = shell.run('kubectl get configmaps -w');
    expect(r.stream?.untilInterrupted).toBe(true);
    const { seen, stop } = collect(r.stream!);
    shell.run('kubectl label configmap cfg x=y');
    shell.run('kubectl create configmap other');
    stop();
    shell.run('kubectl delete configmap other');
    expect(seen.text.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['cfg', 'other', '']);
    expect(seen.code).toBeUndefined();
  });

  it('ends at --request-timeout', () => {
    const { shell, cluster } = setup();
    const r = shell.run('kubectl get configmaps -w --request-timeout=10s');
    const { seen } = collect(r.stream!);
    cluster.advance(10_000);
    expect(seen.code).toBe(0);
  });
});
