/** postCommit hooks: decided from the repository content, and failing the build when they fail. */
import { describe, expect, it } from 'vitest';
import { service } from '../context';
import { testCluster } from '../testing/fixtures';
import type { BuildLogs } from './build-controller';
import { runPostCommitHook } from './post-commit';
import { SEED_FILES } from './repo-files';
import { nodejsBuildConfig } from './testing';
import { pushCommit } from './webhooks';

const NODE = SEED_FILES['https://github.com/sclorg/nodejs-ex'];

describe('runPostCommitHook', () => {
  it('has nothing to run without a script, command or args', () => {
    expect(runPostCommitHook(undefined, NODE)).toBeUndefined();
    expect(runPostCommitHook({}, NODE)).toBeUndefined();
  });

  it('runs npm test against the repository and passes when the tests pass', () => {
    expect(runPostCommitHook({ script: 'npm test' }, NODE)).toEqual({
      exitCode: 0,
      lines: [
        'sh: cannot set terminal process group (-1): Inappropriate ioctl for device',
        'sh: no job control in this shell',
        '',
        '> nodejs-ex@0.0.1 test',
        '> IP=0.0.0.0 PORT=3030 mocha --timeout 5000 tests/*_test.js',
        '',
        '',
        '  ✔ GET to / should return 200',
        '',
        '  1 passing (12ms)',
      ],
    });
  });

  it('fails on a failing test, a missing script, exit codes and missing files', () => {
    const broken = { ...NODE, 'tests/app_test.js': "it('GET / returns 200', () => { assert.fail() })" };
    const r = runPostCommitHook({ command: ['npm', 'test'] }, broken);
    expect(r?.exitCode).toBe(1);
    expect(r?.lines.slice(-7)).toEqual([
      '  0 passing (12ms)',
      '  1 failing',
      '',
      '  1) GET / returns 200:',
      '     AssertionError [ERR_ASSERTION]: Failed',
      'npm error Lifecycle script `test` failed with error:',
      'npm error code 1',
    ]);
    expect(runPostCommitHook({ args: ['npm', 'run', 'lint'] }, NODE)).toEqual({
      exitCode: 1,
      lines: [
        'npm error Missing script: "lint"',
        'npm error',
        'npm error To see a list of scripts, run:',
        'npm error   npm run',
      ],
    });
    expect(runPostCommitHook({ command: ['/bin/sh', '-c', 'echo checking && exit 3'] }, NODE)).toEqual({
      exitCode: 3,
      lines: ['checking'],
    });
    expect(runPostCommitHook({ command: ['/bin/sh', '-c', 'false || echo recovered'] }, NODE)?.exitCode).toBe(
      0,
    );
    expect(
      runPostCommitHook({ command: ['./ci.sh'] }, { ...NODE, 'ci.sh': '#!/bin/sh\necho lint ok\nexit 1\n' }),
    ).toEqual({
      exitCode: 1,
      lines: ['lint ok'],
    });
    expect(runPostCommitHook({ command: ['sh', 'missing.sh'] }, NODE)).toEqual({
      exitCode: 127,
      lines: ['/bin/sh: missing.sh: No such file or directory'],
    });
  });
});

describe('postCommit in a build', () => {
  function app() {
    const c = testCluster({ profile: 'openshift' });
    c.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } });
    c.advance(100);
    c.api.create(
      nodejsBuildConfig(
        { kind: 'ImageStreamTag', name: 'nodejs:22-ubi9', namespace: 'openshift' },
        {
          postCommit: { script: 'npm test' },
          triggers: [{ type: 'ConfigChange' }, { type: 'GitHub', github: { secret: 's3cr3t' } }],
        },
      ),
    );
    c.advance(90_000);
    return c;
  }
  const log = (c: ReturnType<typeof app>, build: string) =>
    service<BuildLogs>(c.ctx, 'openshift-builds')
      .visible('demo', build, c.clock.now())
      .map((l) => l.text);

  it('passes, then a pushed commit with a failing test fails the build before the push', () => {
    const c = app();
    expect(c.api.get('builds.build.openshift.io', 'demo', 'app-1').status.phase).toBe('Complete');
    expect(log(c, 'app-1')).toContain('  1 passing (12ms)');
    const tags = () =>
      c.api.get('imagestreams.image.openshift.io', 'demo', 'app').status.tags[0].items.length;
    expect(tags()).toBe(1);
    pushCommit(c.ctx, 'https://github.com/sclorg/nodejs-ex', 'Break the test', undefined, {
      'tests/app_test.js': "it('GET / returns 200', () => { process.exit(1) })",
    });
    c.advance(90_000);
    const b = c.api.get('builds.build.openshift.io', 'demo', 'app-2');
    expect(b.status).toMatchObject({
      phase: 'Failed',
      reason: 'PostCommitHookFailed',
      message: 'Build failed because of post commit hook.',
    });
    expect(
      c.api.get('pods', 'demo', 'app-2-build').status.containerStatuses[0].state.terminated.exitCode,
    ).toBe(1);
    const lines = log(c, 'app-2');
    expect(
      lines.slice(
        lines.indexOf('Running post commit hook ...'),
        lines.indexOf('Running post commit hook ...') + 1,
      ),
    ).toEqual(['Running post commit hook ...']);
    expect(lines.at(-1)).toBe('error: build error: while running runtime: exit status 1');
    expect(lines.some((l) => l.startsWith('Pushing image'))).toBe(false);
    expect(tags()).toBe(1);
  });
});
