/** ImageStreamTags / ImageStreamImages through `oc get` and `oc describe`; oc's describers for builds. */
import { describe, expect, it } from 'vitest';
import { nodejsApp } from './testing';

function app() {
  const { c, sh } = nodejsApp();
  const item = c.api.get('imagestreams.image.openshift.io', 'demo', 'nodejs-ex').status.tags[0].items[0];
  return {
    c,
    run: (l: string) => sh.run(l),
    ref: item.dockerImageReference as string,
    digest: item.image as string,
  };
}

describe('oc get istag / isimage', () => {
  it('lists and gets the tags image streams hold, with the API table columns', () => {
    const { run, ref, digest } = app();
    const pad = ' '.repeat(ref.length - 'IMAGE REFERENCE'.length + 3);
    expect(run('oc get istag')).toEqual({
      output: `NAME               IMAGE REFERENCE${pad}UPDATED\nnodejs-ex:latest   ${ref}   About a minute ago\n`,
      exitCode: 0,
    });
    expect(run('oc get istag nodejs-ex:latest -o wide').output.split('\n')[1]).toBe(
      `nodejs-ex:latest   ${ref}   About a minute ago   ${digest}`,
    );
    expect(run('oc get imagestreamtag/nodejs-ex:latest -o name').output).toBe(
      'imagestreamtag.image.openshift.io/nodejs-ex:latest\n',
    );
    expect(run('oc get istag nodejs-ex:latest -o jsonpath={.image.dockerImageReference}').output).toBe(ref);
    // The samples' `latest` tags follow their newest version tag.
    expect(
      run('oc get istag nodejs:latest -n openshift -o jsonpath={.image.dockerImageReference}').output,
    ).toBe(run('oc get istag nodejs:22-ubi9 -n openshift -o jsonpath={.image.dockerImageReference}').output);
    expect(run('oc get istag nodejs-ex:v2')).toEqual({
      output: 'Error from server (NotFound): imagestreamtags.image.openshift.io "nodejs-ex:v2" not found\n',
      exitCode: 1,
    });
    expect(run('oc get istag -n default').output).toBe('No resources found in default namespace.\n');
    expect(run(`oc get isimage nodejs-ex@${digest}`).output).toBe(
      `NAME${' '.repeat(`nodejs-ex@${digest}`.length - 1)}UPDATED\nnodejs-ex@${digest}   About a minute ago\n`,
    );
    expect(
      run(`oc get isimage nodejs-ex@${digest.slice(0, 20)} -o jsonpath={.image.metadata.name}`).output,
    ).toBe(digest);
    expect(run('oc get isimage').output).toBe(
      'Error from server (MethodNotAllowed): the server does not allow this method on the requested resource (get imagestreamimages.image.openshift.io)\n',
    );
  });

  it('describes the image behind a tag', () => {
    const { run, ref, digest } = app();
    expect(run('oc describe istag nodejs-ex:latest').output).toBe(
      `Image Name:\t${digest}\nDocker Image:\t${ref}\nName:\t\t${digest}\nCreated:\tAbout a minute ago\n` +
        'Layer Size:\t251MB\nImage Created:\tAbout a minute ago\nAuthor:\t\t<none>\nArch:\t\tamd64\n' +
        'Command:\t/usr/libexec/s2i/run\nWorking Dir:\t/opt/app-root/src\nUser:\t\t1001\nExposes Ports:\t8080/tcp\n' +
        'Docker Labels:\t<none>\nEnvironment:\tPATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n' +
        '\t\tLANG=C.UTF-8\n\t\tHOME=/opt/app-root/src\n\t\tSTI_SCRIPTS_PATH=/usr/libexec/s2i\n',
    );
  });
});

describe('oc describe bc / build', () => {
  it('shows the strategy, triggers, webhook URLs and the builds, tab-aligned as oc does', () => {
    const { run } = app();
    const base =
      'https://api.lab.kubedojo.local:6443/apis/build.openshift.io/v1/namespaces/demo/buildconfigs/nodejs-ex/webhooks/<secret>';
    expect(run('oc describe bc/nodejs-ex').output).toBe(
      'Name:\t\tnodejs-ex\nNamespace:\tdemo\nCreated:\t2 minutes ago\n' +
        'Labels:\t\tapp=nodejs-ex\n\t\tapp.kubernetes.io/component=nodejs-ex\n\t\tapp.kubernetes.io/instance=nodejs-ex\n' +
        'Annotations:\topenshift.io/generated-by=OpenShiftNewApp\nLatest Version:\t1\n\n' +
        'Strategy:\tSource\nURL:\t\thttps://github.com/sclorg/nodejs-ex\nFrom Image:\tImageStreamTag openshift/nodejs:22-ubi9\n' +
        'Volumes:\t<none>\nOutput to:\tImageStreamTag nodejs-ex:latest\n\n' +
        'Build Run Policy:\tSerial\nTriggered by:\t\tConfig, ImageChange\n' +
        `Webhook GitHub:\n\tURL:\t${base}/github\nWebhook Generic:\n\tURL:\t\t${base}/generic\n\tAllowEnv:\tfalse\n\n` +
        'Build\t\tStatus\t\tDuration\tCreation Time\nnodejs-ex-1 \tcomplete \t26s \t\t2025-01-15 09:02:00 +0000 UTC\n\n' +
        'Events:\t<none>\n',
    );
    const build = run('oc describe build nodejs-ex-1').output;
    expect(build).toContain(
      '\nStatus:\t\t\u001b[1mComplete\u001b[0m\nStarted:\tWed, 15 Jan 2025 09:02:09 UTC\nDuration:\t26s\n\n',
    );
    expect(build).toContain(
      'Build Config:\tnodejs-ex\nBuild Pod:\tnodejs-ex-1-build\nImage Digest:\tsha256:',
    );
    expect(build).toContain(
      'Commit:\t\t5bf5510 (Merge pull request #301 from sclorg/update-deps)\nAuthor:\t\tPetr Hracek\n',
    );
    expect(build).toContain(
      '\nBuild trigger cause:\tBuild configuration change\n\nEvents:\n  Type\t\tReason\t\tAge\tFrom\t\t\tMessage\n',
    );
    expect(build).toMatch(/\n {2}Normal\tStarted\t\t1\d\ds\tkubelet\t\t\tStarted container sti-build\n$/);
  });
});
