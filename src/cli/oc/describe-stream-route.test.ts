/** `oc describe is` and `oc describe route` in oc's layouts (tab-padded like oc's describers). */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { createShell } from '../index';

function setup() {
  const c = createCluster({ seed: 5, profile: 'openshift', freezeObjects: true });
  const sh = createShell(c);
  return { c, run: (l: string) => sh.run(l).output };
}

describe('oc describe is', () => {
  it('lists the tags by priority, folding latest into the tag it follows', () => {
    const { run } = setup();
    const out = run('oc describe is nodejs -n openshift');
    expect(out.split('\n').slice(0, 13)).toEqual([
      'Name:\t\t\tnodejs',
      'Namespace:\t\topenshift',
      'Created:\t\t2 minutes ago',
      'Labels:\t\t\t<none>',
      'Annotations:\t\topenshift.io/display-name=nodejs',
      'Image Repository:\timage-registry.openshift-image-registry.svc:5000/openshift/nodejs',
      'Image Lookup:\t\tlocal=false',
      'Unique Images:\t\t3',
      'Tags:\t\t\t4',
      '',
      '18-ubi9',
      '  tagged from registry.access.redhat.com/ubi9/nodejs-18:latest',
      '    prefer registry pullthrough when referencing this tag',
    ]);
    expect(out).toContain(
      '\n22-ubi9 (latest)\n  tagged from registry.access.redhat.com/ubi9/nodejs-22:latest\n',
    );
    expect(out).toContain(
      '\n  Tags: builder, nodejs\n\n  * registry.access.redhat.com/ubi9/nodejs-22@sha256:',
    );
    expect(out).not.toMatch(/^latest$/m);
  });
});

describe('oc describe route', () => {
  it('shows the admitted host, TLS, and each backend with weight and endpoints', () => {
    const { c, run } = setup();
    run('oc new-project demo');
    run('kubectl create deployment web --image=nginx:1.27 --port=80');
    run('kubectl expose deployment web --port=8080 --target-port=80');
    run('oc expose svc/web');
    c.advance(60_000);
    const ip = c.api.list('pods', { namespace: 'demo' })[0].status.podIP;
    expect(run('oc describe route web')).toBe(
      [
        'Name:\t\t\tweb',
        'Namespace:\t\tdemo',
        'Created:\t\tAbout a minute ago',
        'Labels:\t\t\tapp=web',
        'Annotations:\t\topenshift.io/host.generated=true',
        'Requested Host:\t\tweb-demo.apps.lab.kubedojo.local',
        '\t\t\t   exposed on router default (host router-default.apps.lab.kubedojo.local) about a minute ago',
        'Path:\t\t\t<none>',
        'TLS Termination:\t<none>',
        'Insecure Policy:\t<none>',
        'Endpoint Port:\t\t80',
        '',
        'Service:\tweb',
        'Weight:\t\t100 (100%)',
        `Endpoints:\t${ip}:80`,
        '',
      ].join('\n'),
    );
  });
});
