import { describe, expect, it } from 'vitest';
import { service } from '../context';
import { testCluster } from '../testing/fixtures';
import type { BuildLogs } from './build-controller';
import { instantiateBuild } from './instantiate';
import { appStream, nodejsBuildConfig } from './testing';
import { gitDate, pushCommit, receiveWebhook } from './webhooks';

const nodeBuilder = 'registry.access.redhat.com/ubi9/nodejs-20:latest';

function setup() {
  const c = testCluster({ profile: 'openshift' });
  c.api.create({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'demo', annotations: { 'openshift.io/display-name': 'Demo' } },
  });
  c.advance(100);
  return c;
}

function nodeApp(c: ReturnType<typeof setup>) {
  c.api.create({
    apiVersion: 'image.openshift.io/v1',
    kind: 'ImageStream',
    metadata: { name: 'nodejs', namespace: 'demo' },
    spec: { tags: [{ name: 'latest', from: { kind: 'DockerImage', name: nodeBuilder } }] },
  });
  c.api.create(appStream());
  c.api.create(
    nodejsBuildConfig(
      { kind: 'ImageStreamTag', name: 'nodejs:latest' },
      { triggers: [{ type: 'ConfigChange' }, { type: 'ImageChange', imageChange: {} }] },
    ),
  );
}

describe('openshift engine', () => {
  it('mirrors namespaces into projects with their display name', () => {
    const c = setup();
    const p = c.api.get('projects.project.openshift.io', undefined, 'demo');
    expect(p.metadata.annotations).toEqual({ 'openshift.io/display-name': 'Demo' });
    expect(p.status).toEqual({ phase: 'Active' });
    expect(c.api.tryGet('projects.project.openshift.io', undefined, 'kube-system')).toBeDefined();
  });

  it('rejects invalid OpenShift objects through the generated schemas', () => {
    const c = setup();
    expect(() =>
      c.api.create({
        apiVersion: 'route.openshift.io/v1',
        kind: 'Route',
        metadata: { name: 'r', namespace: 'demo' },
        spec: { too: {} },
      }),
    ).toThrow(/unknown field "spec.too"/);
  });

  it('imports a DockerImage tag from the catalog with its digest', () => {
    const c = setup();
    nodeApp(c);
    c.advance(1000);
    const is = c.api.get('imagestreams.image.openshift.io', 'demo', 'nodejs');
    expect(is.status.dockerImageRepository).toBe(
      'image-registry.openshift-image-registry.svc:5000/demo/nodejs',
    );
    expect(is.status.tags[0].tag).toBe('latest');
    expect(is.status.tags[0].items[0].dockerImageReference).toMatch(
      /^registry\.access\.redhat\.com\/ubi9\/nodejs-20@sha256:[0-9a-f]{64}$/,
    );
  });

  it('runs a config-change S2I build through a build pod and pushes the image', () => {
    const c = setup();
    nodeApp(c);
    c.advance(1000);
    const b = c.api.get('builds.build.openshift.io', 'demo', 'app-1');
    expect(b.spec.triggeredBy[0].message).toBe('Build configuration change');
    expect(['Pending', 'Running']).toContain(b.status.phase);
    expect(c.api.get('pods', 'demo', 'app-1-build').spec.containers[0].name).toBe('sti-build');
    c.advance(60_000);
    const done = c.api.get('builds.build.openshift.io', 'demo', 'app-1');
    expect(done.status.phase).toBe('Complete');
    expect(c.api.get('buildconfigs.build.openshift.io', 'demo', 'app').status.lastVersion).toBe(1);
    const app = c.api.get('imagestreams.image.openshift.io', 'demo', 'app');
    const ref = app.status.tags[0].items[0].dockerImageReference;
    expect(ref).toBe(
      `image-registry.openshift-image-registry.svc:5000/demo/app@${done.status.output.to.imageDigest}`,
    );
    const log = service<BuildLogs>(c.ctx, 'openshift-builds')
      .visible('demo', 'app-1', c.clock.now())
      .map((l) => l.text);
    expect(log[0]).toBe('Cloning "https://github.com/sclorg/nodejs-ex" ...');
    expect(log).toContain('---> Installing application source ...');
    expect(log).toContain('---> Building your Node application from source');
    expect(log.at(-1)).toBe('Push successful');
    // The pushed image is pullable: a pod from it runs.
    c.api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'run', namespace: 'demo' },
      spec: { containers: [{ name: 'app', image: ref }] },
    });
    c.advance(20_000);
    expect(c.api.get('pods', 'demo', 'run').status.phase).toBe('Running');
  });

  it('queues Serial builds and rolls a triggered Deployment to the new image', () => {
    const c = setup();
    nodeApp(c);
    c.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'app',
        namespace: 'demo',
        annotations: {
          'image.openshift.io/triggers':
            '[{"from":{"kind":"ImageStreamTag","name":"app:latest"},"fieldPath":"spec.template.spec.containers[?(@.name==\\"app\\")].image"}]',
        },
      },
      spec: {
        selector: { matchLabels: { app: 'app' } },
        template: {
          metadata: { labels: { app: 'app' } },
          spec: { containers: [{ name: 'app', image: ' ' }] },
        },
      },
    });
    c.advance(1000);
    instantiateBuild(c.ctx, 'demo', 'app', { message: 'Manually triggered' });
    c.advance(1000);
    expect(c.api.get('builds.build.openshift.io', 'demo', 'app-2').status.phase).toBe('New');
    c.advance(120_000);
    expect(c.api.get('builds.build.openshift.io', 'demo', 'app-2').status.phase).toBe('Complete');
    const app = c.api.get('imagestreams.image.openshift.io', 'demo', 'app');
    expect(app.status.tags[0].items).toHaveLength(2);
    const d = c.api.get('deployments.apps', 'demo', 'app');
    expect(d.spec.template.spec.containers[0].image).toBe(app.status.tags[0].items[0].dockerImageReference);
    expect(d.status.readyReplicas).toBe(1);
  });

  it('is inactive on a Kubernetes cluster', () => {
    const c = testCluster();
    expect(c.ctx.kinds.resolve('bc')).toBeUndefined();
  });
});

describe('webhooks, strategies and admission', () => {
  it('checks webhook secrets and builds pushed commits', () => {
    expect(gitDate('2025-01-15T09:00:00Z')).toBe('Wed Jan 15 09:00:00 2025 +0000');
    const c = setup();
    nodeApp(c);
    c.api.update({
      ...c.api.get('buildconfigs.build.openshift.io', 'demo', 'app'),
      spec: {
        ...c.api.get('buildconfigs.build.openshift.io', 'demo', 'app').spec,
        triggers: [{ type: 'GitHub', github: { secret: 's3cr3t' } }, { type: 'ConfigChange' }],
      },
    });
    c.advance(1000);
    expect(receiveWebhook(c.ctx, 'demo', 'app', 'github', 'wrong')).toEqual({
      status: 401,
      reason: 'Unauthorized',
      message: 'the webhook "github" for "app" did not accept your secret',
    });
    // A config without that trigger type answers exactly as a wrong secret does.
    expect(receiveWebhook(c.ctx, 'demo', 'app', 'generic', 's3cr3t').message).toBe(
      'the webhook "generic" for "app" did not accept your secret',
    );
    expect(receiveWebhook(c.ctx, 'demo', 'nope', 'github', 's3cr3t').status).toBe(401);
    expect(receiveWebhook(c.ctx, 'demo', 'app', 'bitbucket2', 's3cr3t')).toEqual({
      status: 404,
      reason: 'NotFound',
      message: 'buildconfighook.build.openshift.io "bitbucket2" not found',
    });
    const noEvent = { headers: { 'Content-Type': 'application/json' }, body: '{}' };
    expect(receiveWebhook(c.ctx, 'demo', 'app', 'github', 's3cr3t', noEvent).message).toBe(
      'missing X-GitHub-Event or X-Gogs-Event',
    );
    const ping = { headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'ping' }, body: '{}' };
    expect(receiveWebhook(c.ctx, 'demo', 'app', 'github', 's3cr3t', ping)).toEqual({
      status: 200,
      message: '',
    });
    const otherBranch = {
      headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push' },
      body: JSON.stringify({ ref: 'refs/heads/feature', head_commit: { id: 'abc' } }),
    };
    expect(receiveWebhook(c.ctx, 'demo', 'app', 'github', 's3cr3t', otherBranch).build).toBeUndefined();
    expect(c.api.list('builds.build.openshift.io', { namespace: 'demo' })).toHaveLength(1);
    const pushed = pushCommit(c.ctx, 'https://github.com/sclorg/nodejs-ex.git', 'Change the welcome text');
    expect(pushed.builds.map((b) => b.metadata.name)).toEqual(['app-2']);
    expect(pushed.builds[0].spec.revision.git.message).toBe('Change the welcome text');
    expect(pushed.builds[0].spec.triggeredBy[0].message).toBe('GitHub WebHook');
    expect(pushed.builds[0].spec.revision.git.commit).toBe(pushed.commit?.sha);
    expect(pushed.deliveries.map((d) => [d.namespace, d.buildConfig, d.type, d.result.status])).toEqual([
      ['demo', 'app', 'GitHub', 200],
    ]);
  });

  it('delivers a push to GitLab and Generic triggers too, and only for the built branch', () => {
    const c = setup();
    nodeApp(c);
    const bc = c.api.get('buildconfigs.build.openshift.io', 'demo', 'app');
    c.api.update({ ...bc, spec: { ...bc.spec, triggers: [{ type: 'Generic', generic: { secret: 'g' } }] } });
    c.advance(1000);
    const generic = pushCommit(c.ctx, 'sclorg/nodejs-ex', 'Via generic');
    expect(generic.deliveries.map((d) => [d.type, d.result.build?.metadata.name])).toEqual([
      ['Generic', 'app-1'],
    ]);
    expect(generic.builds[0].spec.triggeredBy[0]).toMatchObject({ message: 'Generic WebHook' });
    const cur = c.api.get('buildconfigs.build.openshift.io', 'demo', 'app');
    c.api.update({
      ...cur,
      spec: {
        ...cur.spec,
        source: { ...cur.spec.source, git: { ...cur.spec.source.git, ref: 'feature' } },
        triggers: [{ type: 'GitLab', gitlab: { secret: 'l' } }],
      },
    });
    c.advance(1000);
    const other = pushCommit(c.ctx, 'https://github.com/sclorg/nodejs-ex', 'On master');
    expect(other.deliveries.map((d) => [d.type, d.result.status, d.result.build])).toEqual([
      ['GitLab', 200, undefined],
    ]);
  });

  it('runs Docker builds from the repository Dockerfile', () => {
    const c = setup();
    c.api.create({
      apiVersion: 'build.openshift.io/v1',
      kind: 'BuildConfig',
      metadata: { name: 'hello', namespace: 'demo' },
      spec: {
        source: { git: { uri: 'https://github.com/openshift/ruby-hello-world' } },
        strategy: { type: 'Docker', dockerStrategy: {} },
        output: { to: { kind: 'ImageStreamTag', name: 'hello:latest' } },
        triggers: [{ type: 'ConfigChange' }],
      },
    });
    c.advance(90_000);
    expect(c.api.get('builds.build.openshift.io', 'demo', 'hello-1').status.phase).toBe('Complete');
    expect(c.api.get('pods', 'demo', 'hello-1-build').spec.containers[0].name).toBe('docker-build');
    const log = service<BuildLogs>(c.ctx, 'openshift-builds')
      .visible('demo', 'hello-1', c.clock.now())
      .map((l) => l.text);
    expect(log).toContain('STEP 1/8: FROM registry.access.redhat.com/ubi9/ruby-33');
    expect(c.api.get('imagestreams.image.openshift.io', 'demo', 'hello').status.tags[0].tag).toBe('latest');
  });

  it('allows Custom builds only for cluster admins', () => {
    const c = setup();
    const bc = {
      apiVersion: 'build.openshift.io/v1',
      kind: 'BuildConfig',
      metadata: { name: 'custom', namespace: 'demo' },
      spec: {
        strategy: {
          type: 'Custom',
          customStrategy: { from: { kind: 'DockerImage', name: 'quay.io/acme/builder:1' } },
        },
      },
    };
    expect(() =>
      c.api.create(structuredClone(bc), {
        user: { username: 'developer', groups: ['system:authenticated'] },
      }),
    ).toThrow('buildconfigs.build.openshift.io "custom" is forbidden: build strategy Custom is not allowed');
    expect(c.api.create(structuredClone(bc)).metadata.name).toBe('custom');
  });
});
