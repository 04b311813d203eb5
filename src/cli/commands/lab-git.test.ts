/** `lab git`: the simulated Git host, and a push that delivers build webhooks (also reachable with curl). */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { createShell } from '../index';

function openshiftApp() {
  const c = createCluster({ seed: 7, profile: 'openshift', freezeObjects: true });
  const sh = createShell(c);
  sh.run('oc new-project demo');
  expect(sh.run('oc new-app nodejs~https://github.com/sclorg/nodejs-ex').exitCode).toBe(0);
  c.advance(120_000);
  return { c, run: (line: string) => sh.run(line) };
}

const builds = (c: ReturnType<typeof createCluster>) =>
  c.api.list('builds.build.openshift.io', { namespace: 'demo' }).map((b) => b.metadata.name);

describe('lab git', () => {
  it('lists repositories with the BuildConfigs that build them, and their history', () => {
    const { run } = openshiftApp();
    const repos = run('lab git repos');
    expect(repos.exitCode).toBe(0);
    expect(repos.output.split('\n')[0]).toBe(
      `URL${' '.repeat(59)}LANGUAGE   HEAD      BUILDCONFIGS     LAST COMMIT`,
    );
    expect(repos.output).toMatch(
      /\nhttps:\/\/github\.com\/sclorg\/nodejs-ex {27}nodejs {5}[0-9a-f]{7} {3}demo\/nodejs-ex {3}Merge pull request #301 from sclorg\/update-deps\n/,
    );
    expect(repos.output).toContain(`https://github.com/sclorg/django-ex${' '.repeat(27)}python     `);
    expect(repos.output).toContain('https://github.com/nodeshift-starters/nodejs-rest-http-crud   nodejs');
    const log = run('lab git log sclorg/nodejs-ex -n 1');
    expect(log.output).toMatch(
      /^commit [0-9a-f]{40} \(HEAD -> master, origin\/master\)\nAuthor: Petr Hracek <phracek@redhat\.com>\nDate: {3}Mon Oct 7 10:12:31 2024 \+0200\n\n {4}Merge pull request #301 from sclorg\/update-deps\n$/,
    );
    expect(run('lab git log nope')).toEqual({
      output: `error: repository "nope" not found on the lab's Git host (see lab git repos)\n`,
      exitCode: 1,
    });
  });

  it('pushes a commit whose GitHub webhook starts a build of that commit', () => {
    const { c, run } = openshiftApp();
    const r = run('lab git push nodejs-ex -m "Change the welcome text" --file server.js=hello');
    expect(r.exitCode).toBe(0);
    const head = run('lab git log nodejs-ex -n 1').output.match(/[0-9a-f]{40}/)?.[0] ?? '';
    const lines = r.output.split('\n');
    expect(lines[0]).toBe(`[master ${head.slice(0, 7)}] Change the welcome text`);
    expect(lines[1]).toMatch(/^ 1 file changed, 1 insertion\(\+\), \d+ deletions\(-\)$/);
    expect(lines[2]).toBe('To https://github.com/sclorg/nodejs-ex.git');
    expect(lines[3]).toMatch(new RegExp(`^ {3}[0-9a-f]{7}\\.\\.${head.slice(0, 7)}  master -> master$`));
    expect(lines.slice(4)).toEqual([
      'GitHub webhook delivered to buildconfig/nodejs-ex -n demo: build.build.openshift.io/nodejs-ex-2 started by webhook',
      '',
    ]);
    const build = c.api.get('builds.build.openshift.io', 'demo', 'nodejs-ex-2');
    expect(build.spec.revision.git.commit).toBe(head);
    expect(build.spec.triggeredBy[0].message).toBe('GitHub WebHook');
    c.advance(90_000);
    expect(c.api.get('builds.build.openshift.io', 'demo', 'nodejs-ex-2').status.phase).toBe('Complete');
  });

  it('reports a push that no webhook listens to', () => {
    const { c, run } = openshiftApp();
    expect(run('lab git push django-ex').output).toMatch(
      /^\[master [0-9a-f]{7}\] Update README\.md\n 1 file changed, 1 insertion\(\+\)\nTo https:\/\/github\.com\/sclorg\/django-ex\.git\n {3}[0-9a-f]{7}\.\.[0-9a-f]{7} {2}master -> master\nNo BuildConfig builds https:\/\/github\.com\/sclorg\/django-ex with a webhook trigger: no build started\.\n$/,
    );
    expect(builds(c)).toEqual(['nodejs-ex-1']);
  });
});

describe('webhook URLs over HTTP', () => {
  it('starts a build for the right secret and answers the API server Status otherwise', () => {
    const { c, run } = openshiftApp();
    run('kubectl run client --image=curlimages/curl:8.11.1 -- sleep 3600');
    c.advance(20_000);
    const bc = c.api.get('buildconfigs.build.openshift.io', 'demo', 'nodejs-ex');
    const secret = (t: string) => bc.spec.triggers.find((x: { type: string }) => x.type === t);
    const base =
      'https://api.lab.kubedojo.local:6443/apis/build.openshift.io/v1/namespaces/demo/buildconfigs/nodejs-ex/webhooks';
    const wrong = run(`kubectl exec client -- curl -sk -X POST ${base}/wrong/generic`);
    expect(wrong.output).toBe(
      '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n' +
        '  "message": "the webhook \\"generic\\" for \\"nodejs-ex\\" did not accept your secret",\n' +
        '  "reason": "Unauthorized",\n  "code": 401\n}\n',
    );
    expect(builds(c)).toEqual(['nodejs-ex-1']);
    const generic = run(
      `kubectl exec client -- curl -sk -X POST ${base}/${secret('Generic').generic.secret}/generic`,
    );
    const [build, warning] = generic.output.split(/(?<=\})(?=\{\n)/);
    expect(JSON.parse(build)).toMatchObject({
      kind: 'Build',
      metadata: { name: 'nodejs-ex-2', namespace: 'demo' },
      spec: { triggeredBy: [{ message: 'Generic WebHook', genericWebHook: { secret: '<secret>' } }] },
    });
    expect(JSON.parse(warning)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      message: 'invalid Content-Type on payload, ignoring payload and continuing with build',
      code: 200,
    });
    const gh = `${base}/${secret('GitHub').github.secret}/github`;
    expect(JSON.parse(run(`kubectl exec client -- curl -sk -X POST ${gh}`).output).message).toBe(
      'non-parseable Content-Type  (mime: no media type)',
    );
    const push = `kubectl exec client -- curl -sk -H "Content-Type: application/json" -H "X-GitHub-Event: push" -d '{"ref":"refs/heads/master"}' ${gh}`;
    expect(JSON.parse(run(push).output).metadata.name).toBe('nodejs-ex-3');
    expect(run(`kubectl exec client -- curl -s ${gh.replace('https', 'http')}`).output).toBe(
      'Client sent an HTTP request to an HTTPS server.\n',
    );
    expect(builds(c)).toEqual(['nodejs-ex-1', 'nodejs-ex-2', 'nodejs-ex-3']);
  });
});
