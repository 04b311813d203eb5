/** `oc tag` from an ImageStreamImage, resolved at once, and `oc new-app` of a project's stream tag. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { createShell } from '../index';

function setup() {
  const c = createCluster({ seed: 11, profile: 'openshift', freezeObjects: true });
  const sh = createShell(c);
  const run = (l: string) => sh.run(l);
  run('oc new-project demo');
  run('oc tag --source=docker registry.access.redhat.com/ubi9/nodejs-20:latest app:latest');
  c.advance(5_000);
  const digest = run('oc get is app -o jsonpath={.status.tags[0].items[0].image}').output;
  return { c, run, digest };
}

describe('oc tag', () => {
  it('tags an ImageStreamImage and the destination resolves in the same command', () => {
    const { run, digest } = setup();
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(run(`oc tag app@${digest} app:dev`).output).toBe(`Tag app:dev set to app@${digest}.\n`);
    expect(run('oc get istag app:dev -o jsonpath={.image.metadata.name}').output).toBe(digest);
    expect(run('oc tag app:dev app:test').output).toBe(`Tag app:test set to app@${digest}.\n`);
    expect(run('oc get istag app:test -o jsonpath={.image.metadata.name}').output).toBe(digest);
    expect(run(`oc tag app@sha256:${'0'.repeat(64)} app:qa`)).toEqual({
      output: `Error from server (NotFound): imagestreamimages.image.openshift.io "app@sha256:${'0'.repeat(64)}" not found\n`,
      exitCode: 1,
    });
  });
});

describe('oc new-app IMAGESTREAM:TAG', () => {
  it('deploys a tag of a stream in the current project and follows that tag', () => {
    const { run, digest } = setup();
    run(`oc tag app@${digest} app:dev`);
    const out = run('oc new-app app:dev --name app-dev').output;
    expect(out.split('\n')[0]).toBe(
      `--> Found image ${digest.slice(7, 14)} (2 weeks old) in image stream "demo/app" under tag "dev" for "app:dev"`,
    );
    expect(out).toContain('    * This image will be deployed in deployment "app-dev"\n');
    expect(out).toContain('    deployment.apps "app-dev" created\n');
    const deploy = JSON.parse(run('oc get deploy app-dev -o json').output);
    const trigger = JSON.parse(deploy.metadata.annotations['image.openshift.io/triggers']);
    expect(trigger[0].from).toEqual({ kind: 'ImageStreamTag', name: 'app:dev' });
    expect(run('oc new-app nothing-here').output).toContain(
      "Argument 'nothing-here' was classified as an image, image~source, or loaded template reference.",
    );
  });
});
