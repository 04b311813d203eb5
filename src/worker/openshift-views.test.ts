import { describe, expect, it } from 'vitest';
import { createShell } from '../cli';
import { createCluster, defaultNodes } from '../engine/cluster';
import type { ObjectView } from '../protocol/views';
import { ViewMirror } from './mirror';
import { viewEnvFor } from './openshift-views';
import { podStatusFor } from './pod-status';

const REGISTRY = 'image-registry.openshift-image-registry.svc:5000';

/** An OpenShift cluster after `oc new-app nodejs~...`, with its mirror and a `views()` snapshot by kind/name. */
function newApp() {
  const cluster = createCluster({ seed: 1, nodes: defaultNodes(3), profile: 'openshift' });
  const shell = createShell(cluster, { files: { read: () => undefined, list: () => [] } });
  const run = (line: string, stdin?: string) => {
    const r = shell.run(line, stdin === undefined ? {} : { stdin });
    cluster.settle();
    expect(r.exitCode, `${line}\n${r.output}`).toBe(0);
    return r.output;
  };
  const mirror = new ViewMirror(podStatusFor(cluster), viewEnvFor(cluster));
  const views = () => {
    const list = mirror.snapshot((r) => cluster.api.store.list(r));
    const get = (kind: string, name: string, ns = 'demo') => {
      const v = list.find((o) => o.kind === kind && o.name === name && o.namespace === ns);
      if (!v) throw new Error(`no ${kind} ${ns}/${name}`);
      return v;
    };
    return { list, get };
  };
  /** Advance in 1 s steps until `done()` (at most `limitS` seconds); returns the seconds it took. */
  const until = (done: () => boolean, limitS = 300) => {
    for (let s = 0; s < limitS; s++) {
      if (done()) return s;
      cluster.advance(1000);
    }
    throw new Error('condition not reached');
  };
  const phase = (name: string) =>
    cluster.api.store.get('builds.build.openshift.io', 'demo', name)?.status?.phase as string | undefined;
  run('oc new-project demo');
  run('oc new-app nodejs~https://github.com/sclorg/nodejs-ex');
  return { cluster, run, views, until, phase };
}

describe('OpenShift views', () => {
  it('links the BuildConfig to its builder and output tags, and the Build to its output', () => {
    const { views, cluster } = newApp();
    // The build controller starts the ConfigChange build from its queue.
    cluster.advance(1000);
    const { get } = views();
    const bc = get('BuildConfig', 'nodejs-ex');
    expect(bc.status).toBe('#1');
    expect(bc.imageTags).toEqual([
      { namespace: 'openshift', stream: 'nodejs', tag: '22-ubi9', role: 'builder' },
      { namespace: 'demo', stream: 'nodejs-ex', tag: 'latest', role: 'output' },
    ]);
    const build = get('Build', 'nodejs-ex-1');
    expect(build.ownerUid).toBe(bc.uid);
    expect(build.build).toEqual({ number: 1, strategy: 'Source', cause: 'ConfigChange' });
    expect(build.imageTags).toEqual([
      { namespace: 'demo', stream: 'nodejs-ex', tag: 'latest', role: 'output' },
    ]);
    // The stream exists before the first push, without tags.
    expect(get('ImageStream', 'nodejs-ex')).toMatchObject({ status: '', tags: [] });
    // The builder stream lists its tags with their imported digests.
    const nodejs = get('ImageStream', 'nodejs', 'openshift');
    expect(nodejs.tags?.map((t) => t.tag)).toEqual(['18-ubi9', '20-ubi9', '22-ubi9', 'latest']);
    for (const t of nodejs.tags?.filter((x) => x.tag !== 'latest') ?? [])
      expect(t.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // STATUS is `oc get is`'s TAGS: the tags that have an image (`latest` once it follows 22-ubi9).
    expect(nodejs.status).toMatch(/^18-ubi9,20-ubi9,22-ubi9(,latest)?$/);
    const deploy = get('Deployment', 'nodejs-ex');
    expect(deploy.imageTags).toEqual([
      { namespace: 'demo', stream: 'nodejs-ex', tag: 'latest', role: 'trigger' },
    ]);
  });

  it('gives a running Build the stages of its log on the virtual clock, in order', () => {
    const { views, until, phase, cluster } = newApp();
    until(() => phase('nodejs-ex-1') === 'Running');
    const build = views().get('Build', 'nodejs-ex-1');
    expect(build.status).toBe('Running');
    const stages = build.build?.stages ?? [];
    expect(stages.map((s) => s.stage)).toEqual(['FetchInputs', 'PullImages', 'Build', 'PushImage']);
    const at = stages.map((s) => s.atMs);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // The log starts 400 ms after the build pod runs, and the build is still early.
    expect(at[0]).toBeGreaterThan(cluster.clock.now() - 1000);
    expect(build.build?.endMs).toBeGreaterThan(at[3]);
    // Stages belong to running builds only.
    until(() => phase('nodejs-ex-1') === 'Complete');
    expect(views().get('Build', 'nodejs-ex-1').build?.stages).toBeUndefined();
  });

  it('records the pushed digest on the tag, and the Deployment runs that tag', () => {
    const { views, until, phase, cluster } = newApp();
    until(() => phase('nodejs-ex-1') === 'Complete');
    until(() => cluster.api.store.get('deployments.apps', 'demo', 'nodejs-ex')?.status?.readyReplicas === 1);
    const { get, list } = views();
    const is = get('ImageStream', 'nodejs-ex');
    expect(is.status).toBe('latest');
    const digest = is.tags?.[0].digest ?? '';
    expect(is.tags).toEqual([{ tag: 'latest', digest }]);
    const deploy = get('Deployment', 'nodejs-ex');
    const image = cluster.api.store.get('deployments.apps', 'demo', 'nodejs-ex')?.spec.template.spec
      .containers[0].image;
    expect(image).toBe(`${REGISTRY}/demo/nodejs-ex@${digest}`);
    // The container image resolves to the same tag as the trigger: one link, not two.
    expect(deploy.imageTags).toEqual([
      { namespace: 'demo', stream: 'nodejs-ex', tag: 'latest', role: 'trigger' },
    ]);
    expect(deploy.status).toBe('1/1');
    // ReplicaSets are not image consumers of their own (the Deployment is).
    expect(list.filter((v) => v.kind === 'ReplicaSet' && v.imageTags)).toEqual([]);
  });

  it('summarises a Route: host, admission, TLS, path and weighted backends', () => {
    const { run, views, cluster } = newApp();
    run('oc expose svc/nodejs-ex');
    expect(views().get('Route', 'nodejs-ex').route?.admitted).toBe(false);
    // The router admits it from its queue.
    cluster.advance(1000);
    const route = views().get('Route', 'nodejs-ex');
    expect(route.status).toBe('nodejs-ex-demo.apps.lab.kubedojo.local');
    expect(route.route).toEqual({
      host: 'nodejs-ex-demo.apps.lab.kubedojo.local',
      admitted: true,
      weights: [{ service: 'nodejs-ex', weight: 100 }],
    });
    expect(route.backends).toEqual(['nodejs-ex']);
    run(
      'oc apply -f -',
      `apiVersion: route.openshift.io/v1
kind: Route
metadata: {name: ab, namespace: demo}
spec:
  path: /api
  to: {kind: Service, name: web-a, weight: 80}
  alternateBackends:
  - {kind: Service, name: web-b, weight: 20}
  tls: {termination: edge, insecureEdgeTerminationPolicy: Redirect}
`,
    );
    cluster.advance(1000);
    const ab = views().get('Route', 'ab');
    expect(ab.route).toEqual({
      host: 'ab-demo.apps.lab.kubedojo.local',
      path: '/api',
      tls: 'edge',
      admitted: true,
      weights: [
        { service: 'web-a', weight: 80 },
        { service: 'web-b', weight: 20 },
      ],
    });
    expect(ab.backends).toEqual(['web-a', 'web-b']);
  });

  it('reads DeploymentConfig triggers and READY, and its ReplicationControllers like ReplicaSets', () => {
    const { run, views, until, phase, cluster } = newApp();
    until(() => phase('nodejs-ex-1') === 'Complete');
    run(
      'oc apply -f -',
      `apiVersion: apps.openshift.io/v1
kind: DeploymentConfig
metadata: {name: legacy, namespace: demo}
spec:
  replicas: 2
  selector: {app: legacy}
  template:
    metadata: {labels: {app: legacy}}
    spec:
      containers:
      - {name: app, image: ' '}
  triggers:
  - type: ConfigChange
  - type: ImageChange
    imageChangeParams:
      automatic: true
      containerNames: [app]
      from: {kind: ImageStreamTag, name: 'nodejs-ex:latest'}
`,
    );
    until(
      () =>
        cluster.api.store.get('deploymentconfigs.apps.openshift.io', 'demo', 'legacy')?.status
          ?.readyReplicas === 2,
    );
    const { get, list } = views();
    const dc = get('DeploymentConfig', 'legacy');
    expect(dc.status).toBe('2/2');
    expect(dc.ready).toBe('2/2');
    expect(dc.imageTags).toEqual([
      { namespace: 'demo', stream: 'nodejs-ex', tag: 'latest', role: 'trigger' },
    ]);
    const rc = get('ReplicationController', 'legacy-1');
    expect(rc).toMatchObject({ status: '2/2', ready: '2/2', ownerUid: dc.uid });
    // The deployer pod is the RC's too (as on OpenShift), done once the rollout is.
    const pods = list.filter((v: ObjectView) => v.kind === 'Pod' && v.ownerUid === rc.uid);
    expect(pods.map((p) => [p.name.startsWith('legacy-1-deploy'), p.status])).toEqual([
      [true, 'Completed'],
      [false, 'Running'],
      [false, 'Running'],
    ]);
  });
});
