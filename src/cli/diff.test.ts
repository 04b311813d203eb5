import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster';
import { createShell } from './index';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  color: blue\n';

describe('kubectl diff', () => {
  it('shows what apply would change, exits 1, and changes nothing', () => {
    const cluster = createCluster({ seed: 5 });
    const shell = createShell(cluster);
    expect(shell.run('kubectl apply -f -', { stdin: CM }).exitCode).toBe(0);
    expect(shell.run('kubectl diff -f -', { stdin: CM })).toEqual({ output: '', exitCode: 0 });
    const before = cluster.stateHash();
    const r = shell.run('kubectl diff -f -', { stdin: CM.replace('blue', 'green') });
    expect(r.exitCode).toBe(1);
    const lines = r.output.split('\n');
    expect(lines[0]).toMatch(
      /^diff -u -N \/tmp\/LIVE-\d{10}\/v1\.ConfigMap\.default\.cfg \/tmp\/MERGED-\d{10}\/v1\.ConfigMap\.default\.cfg$/,
    );
    expect(lines[1]).toMatch(
      /^--- \/tmp\/LIVE-\d{10}\/v1\.ConfigMap\.default\.cfg\t2025-01-15 09:02:00\.000000000 \+0000$/,
    );
    expect(r.output).toContain('\n-  color: blue\n+  color: green\n');
    expect(cluster.stateHash()).toBe(before);
  });

  it('shows a new object whole and leaves no trace of the server dry run', () => {
    const cluster = createCluster({ seed: 5 });
    const shell = createShell(cluster);
    const before = cluster.stateHash();
    const svc =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports:\n  - port: 80\n';
    const r = shell.run('kubectl diff -f -', { stdin: svc });
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: v1\n\+kind: Service\n/);
    expect(cluster.stateHash()).toBe(before);
    // The ClusterIP the dry run showed is still free: creating the Service for real gets an address.
    expect(shell.run('kubectl apply -f -', { stdin: svc }).output).toBe('service/web created\n');
  });
});
