/** `oc new-build --binary`, `oc start-build` (binary input, --follow, --wait, --commit) and `oc cancel-build`. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { createShell } from '../index';

function setup(store: Record<string, string> = {}) {
  const c = createCluster({ seed: 7, profile: 'openshift', freezeObjects: true });
  const files = { read: (p: string) => store[p], list: () => Object.keys(store) };
  const sh = createShell(c, { files });
  sh.run('oc new-project demo');
  /** Run a line; a stream is read to its end while the clock runs. */
  const run = (line: string) => {
    const r = sh.run(line);
    let output = r.output;
    let code: number | undefined;
    r.stream?.subscribe(
      (t) => {
        output += t;
      },
      (x) => {
        code = x;
      },
    );
    if (r.stream) c.advance(150_000);
    return { output, exitCode: r.exitCode, streamExit: code };
  };
  return { c, run };
}

const APP = {
  'app/package.json': '{"name":"mine","version":"1.0.0","scripts":{"test":"exit 1"}}',
  'app/server.js': "require('http').createServer().listen(8080)",
  'app.war': 'PK',
};

describe('binary builds', () => {
  it('creates a binary BuildConfig and builds what --from-dir and --from-file upload', () => {
    const { c, run } = setup(APP);
    const nb = run('oc new-build nodejs --binary --name=bin');
    expect(nb.output).toContain(
      '    * A source build using binary input will be created\n' +
        '      * The resulting image will be pushed to image stream tag "bin:latest"\n' +
        "      * A binary build was created, use 'oc start-build --from-dir' to trigger a new build\n\n" +
        '--> Creating resources with label build=bin ...\n' +
        '    imagestream.image.openshift.io "bin" created\n' +
        '    buildconfig.build.openshift.io "bin" created\n--> Success\n',
    );
    c.advance(30_000);
    expect(run('oc get bc bin').output).toBe('NAME   TYPE     FROM     LATEST\nbin    Source   Binary   0\n');
    const follow = run('oc start-build bin --from-dir=app --follow');
    expect(follow.output).toMatch(
      /^Uploading directory "app" as binary input for the build \.\.\.\n\.\nUploading finished\nbuild\.build\.openshift\.io\/bin-1 started\nReceiving source from STDIN as archive \.\.\.\nTrying to pull /,
    );
    expect(follow.output).toContain('\nPush successful\n');
    expect(follow.streamExit).toBe(0);
    expect(c.api.get('builds.build.openshift.io', 'demo', 'bin-1').spec.source).toEqual({
      type: 'Binary',
      binary: {},
    });
    const file = run('oc start-build bin --from-file=app.war --wait');
    expect(file.output).toBe(
      'Uploading file "app.war" as binary input for the build ...\n.\nUploading finished\nbuild.build.openshift.io/bin-2 started\n',
    );
    expect(file.streamExit).toBe(0);
    expect(c.api.get('builds.build.openshift.io', 'demo', 'bin-2').spec.source.binary).toEqual({
      asFile: 'app.war',
    });
    expect(run('oc get builds').output).toMatch(/\nbin-2 +Source +Binary +Complete /);
  });

  it('explains bad inputs, and --wait fails with the build when the hook fails', () => {
    const { run } = setup(APP);
    run('oc new-build nodejs --binary --name=bin');
    expect(run('oc start-build bin --from-dir=nope')).toMatchObject({
      output: 'error: stat nope: no such file or directory\n',
      exitCode: 1,
    });
    expect(run('oc start-build bin --from-repo=.')).toMatchObject({
      output:
        'Uploading "." at commit "HEAD" as binary input for the build ...\nerror: the directory "." is not a valid Git repository: exit status 128\n',
      exitCode: 1,
    });
    expect(run('oc start-build bin --from-dir=app --from-file=app.war').output).toBe(
      'error: only one of --from-file, --from-repo, or --from-dir may be specified\n',
    );
    run(`oc patch bc/bin --type=merge -p '{"spec":{"postCommit":{"command":["npm","test"]}}}'`);
    const failed = run('oc start-build bin --from-dir=app --wait');
    expect(failed.output).toBe(
      'Uploading directory "app" as binary input for the build ...\n.\nUploading finished\n' +
        'build.build.openshift.io/bin-1 started\nerror: the build demo/bin-1 status is "Failed"\n',
    );
    expect(failed.streamExit).toBe(1);
  });
});

describe('oc start-build from Git', () => {
  it('builds a given commit and cancels a running build', () => {
    const { c, run } = setup();
    run('oc new-app nodejs~https://github.com/sclorg/nodejs-ex');
    c.advance(120_000);
    run('lab git push nodejs-ex -m "Second"');
    c.advance(120_000);
    const first = c.api.get('builds.build.openshift.io', 'demo', 'nodejs-ex-1').spec.revision.git
      .commit as string;
    expect(run(`oc start-build nodejs-ex --commit=${first.slice(0, 7)}`).output).toBe(
      'build.build.openshift.io/nodejs-ex-3 started\n',
    );
    expect(c.api.get('builds.build.openshift.io', 'demo', 'nodejs-ex-3').spec.revision.git.commit).toBe(
      first,
    );
    c.advance(15_000);
    expect(run('oc cancel-build nodejs-ex-3').output).toBe(
      'build.build.openshift.io/nodejs-ex-3 marked for cancellation, waiting to be cancelled\n' +
        'build.build.openshift.io/nodejs-ex-3 cancelled\n',
    );
    expect(run('oc get build nodejs-ex-3 -o jsonpath={.status.phase}').output).toBe('Cancelled');
    expect(run('oc cancel-build nodejs-ex-3')).toMatchObject({ output: '', exitCode: 0 });
    expect(run('oc cancel-build nodejs-ex-9')).toMatchObject({
      output: 'error: build demo/nodejs-ex-9 not found\nerror: failure during the build cancellation\n',
      exitCode: 1,
    });
  });
});
