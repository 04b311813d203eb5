/** `oc set triggers` on BuildConfigs, DeploymentConfigs and Deployments, in oc's words. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodejsApp } from './testing';

const PG = '/work/shared/reference/corpus/openshift-samples/nodejs-ex__nodejs-postgresql.json';

function app() {
  const { c, sh } = nodejsApp();
  return { c, run: (l: string, stdin?: string) => sh.run(l, stdin === undefined ? {} : { stdin }) };
}

const triggers = (run: ReturnType<typeof app>['run'], what: string) =>
  // The DeploymentConfig deprecation warning is stderr on a real terminal: only stdout is JSON.
  JSON.parse(run(`oc get ${what} -o jsonpath={.spec.triggers}`).output.replace(/^Warning: .*\n/, ''));

describe('oc set triggers on a BuildConfig', () => {
  it('lists the triggers, adds a GitLab webhook, and turns image/config triggers manual and back', () => {
    const { run } = app();
    expect(run('oc set triggers bc/nodejs-ex').output).toBe(
      'NAME                    TYPE     VALUE                     AUTO\n' +
        'buildconfigs/nodejs-ex  config                             true\n' +
        'buildconfigs/nodejs-ex  image    openshift/nodejs:22-ubi9  true\n' +
        'buildconfigs/nodejs-ex  webhook  <secret>                  \n' +
        'buildconfigs/nodejs-ex  github   <secret>                  \n',
    );
    expect(run('oc set triggers bc/nodejs-ex --from-gitlab').output).toBe(
      'buildconfig.build.openshift.io/nodejs-ex triggers updated\n',
    );
    const withGitlab = triggers(run, 'bc nodejs-ex');
    expect(withGitlab.map((t: { type: string }) => t.type)).toEqual([
      'GitHub',
      'Generic',
      'ConfigChange',
      'ImageChange',
      'GitLab',
    ]);
    expect(withGitlab[4].gitlab.secret).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(run('oc set triggers bc/nodejs-ex --manual').exitCode).toBe(0);
    expect(triggers(run, 'bc nodejs-ex').map((t: { type: string }) => t.type)).toEqual([
      'GitHub',
      'Generic',
      'GitLab',
    ]);
    run('oc set triggers bc/nodejs-ex --auto');
    expect(triggers(run, 'bc nodejs-ex').slice(3)).toEqual([
      { type: 'ConfigChange' },
      { type: 'ImageChange', imageChange: {} },
    ]);
    run('oc set triggers bc/nodejs-ex --from-github --remove');
    expect(run('oc set triggers bc/nodejs-ex').output).not.toContain('github');
    expect(run('oc set triggers bc/nodejs-ex --remove-all').exitCode).toBe(0);
    expect(triggers(run, 'bc nodejs-ex')).toEqual([]);
    expect(run('oc set triggers bc/nodejs-ex --from-webhook').exitCode).toBe(0);
    expect(triggers(run, 'bc nodejs-ex')[0].generic).toEqual({
      secret: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
      allowEnv: false,
    });
  });

  it('reports bad flag combinations and objects without triggers', () => {
    const { run } = app();
    expect(run('oc set triggers bc/nodejs-ex --auto --manual').output).toBe(
      'error: you must specify at most one of --auto or --manual\n',
    );
    expect(run('oc set triggers bc/nodejs-ex --remove').output).toBe(
      'error: --remove requires a flag defining a trigger type to be specified\n',
    );
    expect(run('oc set triggers bc/nodejs-ex --from-github --from-gitlab').output).toBe(
      'error: you may only set one trigger type at a time\n',
    );
    expect(run('oc set triggers bc/nodejs-ex --from-image=quay.io/x/y:1').output).toBe(
      'error: the value of --from-image must point to an image stream tag on this server\n',
    );
    expect(run('oc set triggers svc/nodejs-ex --from-config').output).toBe(
      'error: services/nodejs-ex does not support triggers\n',
    );
  });
});

describe('oc set triggers on Deployments', () => {
  it('pauses with --manual (the annotation trigger too) and refuses webhooks', () => {
    const { run } = app();
    expect(run('oc set triggers deploy/nodejs-ex').output).toBe(
      'NAME                   TYPE    VALUE                         AUTO\n' +
        'deployments/nodejs-ex  config                                true\n' +
        'deployments/nodejs-ex  image   nodejs-ex:latest (nodejs-ex)  true\n',
    );
    expect(run('oc set triggers deploy/nodejs-ex --manual').output).toBe(
      'deployment.apps/nodejs-ex triggers updated\n',
    );
    expect(run('oc get deploy nodejs-ex -o jsonpath={.spec.paused}').output).toBe('true');
    expect(
      JSON.parse(
        JSON.parse(run('oc get deploy nodejs-ex -o json').output).metadata.annotations[
          'image.openshift.io/triggers'
        ],
      ),
    ).toEqual([
      {
        from: { kind: 'ImageStreamTag', name: 'nodejs-ex:latest' },
        fieldPath: 'spec.template.spec.containers[?(@.name=="nodejs-ex")].image',
        paused: true,
      },
    ]);
    expect(run('oc set triggers deploy/nodejs-ex --auto').exitCode).toBe(0);
    expect(run('oc get deploy nodejs-ex -o jsonpath={.spec.paused}').output).toBe('');
    expect(run('oc set triggers deploy/nodejs-ex --from-github').output).toBe(
      'error: deployments/nodejs-ex does not support GitHub web hooks\n',
    );
    run('oc create deployment web --image=kubedojo/web:1.0');
    expect(run('oc set triggers deploy/web --from-image=nodejs-ex:latest -c web').exitCode).toBe(0);
    expect(run('oc set triggers deploy/web').output).toContain(
      'deployments/web  image   nodejs-ex:latest (web)  true\n',
    );
  });
});

describe.runIf(existsSync(PG))('oc set triggers on a DeploymentConfig', () => {
  it('switches ImageChange and ConfigChange triggers', () => {
    const { c, run } = app();
    run('oc process -p NAME=crud -f - | oc create -f -', readFileSync(PG, 'utf8'));
    c.advance(120_000);
    expect(run('oc set triggers dc/crud').output).toBe(
      'NAME                    TYPE    VALUE                                    AUTO\n' +
        'deploymentconfigs/crud  config                                           true\n' +
        'deploymentconfigs/crud  image   crud:latest (nodejs-postgresql-example)  true\n',
    );
    expect(run('oc set triggers dc/crud --manual').output).toBe(
      'deploymentconfig.apps.openshift.io/crud triggers updated\n',
    );
    expect(triggers(run, 'dc crud')).toEqual([
      {
        type: 'ImageChange',
        imageChangeParams: {
          automatic: false,
          from: { kind: 'ImageStreamTag', name: 'crud:latest' },
          containerNames: ['nodejs-postgresql-example'],
        },
      },
    ]);
    expect(run('oc set triggers dc/crud --from-image=crud:latest').output).toBe(
      'error: deploymentconfigs/crud you must specify --containers when setting --from-image\n',
    );
    expect(run('oc set triggers dc/crud --from-image=crud:latest -c web').output).toBe(
      'error: deploymentconfigs/crud not all container names exist: web (accepts: nodejs-postgresql-example)\n',
    );
    expect(run('oc set triggers dc/crud --from-config').exitCode).toBe(0);
    expect(triggers(run, 'dc crud').map((t: { type: string }) => t.type)).toEqual([
      'ImageChange',
      'ConfigChange',
    ]);
    run('oc set triggers dc/crud --remove-all');
    expect(triggers(run, 'dc crud')).toEqual([]);
  });
});

describe('oc set build-hook', () => {
  it('sets a script or a command as the postCommit hook, and removes it', () => {
    const { run } = app();
    const hook = () => JSON.parse(run('oc get bc nodejs-ex -o json').output).spec.postCommit;
    expect(run('oc set build-hook bc/nodejs-ex --post-commit --script="npm test"').output).toBe(
      'buildconfig.build.openshift.io/nodejs-ex hooks updated\n',
    );
    expect(hook()).toEqual({ script: 'npm test' });
    expect(run('oc set build-hook bc/nodejs-ex --post-commit --command -- npm run lint').exitCode).toBe(0);
    expect(hook()).toEqual({ command: ['npm'], args: ['run', 'lint'] });
    expect(run('oc describe bc nodejs-ex').output).toContain('Post Commit Hook:\t["npm", "run", "lint"]\n');
    expect(run('oc set build-hook bc/nodejs-ex --post-commit --remove').exitCode).toBe(0);
    expect(hook()).toEqual({});
    expect(run('oc set build-hook bc/nodejs-ex --script=x').output).toBe(
      'error: you must specify a type of hook to set\n',
    );
    expect(run('oc set build-hook bc/nodejs-ex --post-commit').output).toBe(
      'error: you must specify either a script or command for the build hook\n',
    );
  });
});
