/** The `npm run sim` entry point as other tools call it: a file in, the transcript out, exit codes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = resolve(__dirname, 'main.ts');

function sim(script: string, ...args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'kubedojo-sim-'));
  const file = join(dir, 'session.script');
  writeFileSync(file, script);
  writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-disk\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, file, ...args], {
    encoding: 'utf8',
    cwd: resolve(__dirname, '../..'),
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('npm run sim -- FILE [--seed N]', () => {
  it('prints the transcript and exits 0 even when commands fail', () => {
    const r = sim('$ kubectl apply -f cm.yaml\n$ kubectl get cm nope\n', '--seed', '3');
    expect(r.stdout).toBe(
      '$ kubectl apply -f cm.yaml\nconfigmap/from-disk created\n$ kubectl get cm nope\nError from server (NotFound): configmaps "nope" not found\n[exit 1]\n',
    );
    expect(r.status).toBe(0);
  }, 30_000);

  it('exits 2 with a clear message for a malformed script', () => {
    const r = sim('$ kubectl apply -f - <<EOF\napiVersion: v1\n');
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /session\.script: malformed script: line 1: here-document delimited by end-of-file \(wanted `EOF'\)\n$/,
    );
    expect(r.status).toBe(2);
  }, 30_000);

  it('rejects a bad --seed', () => {
    const r = sim('$ kubectl version --client\n', '--seed', 'x');
    expect(r.stderr).toContain('invalid --seed value: x');
    expect(r.status).toBe(2);
  }, 30_000);
});
