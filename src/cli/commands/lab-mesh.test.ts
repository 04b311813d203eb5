/** `lab mesh`: mesh load generators, per-edge telemetry and the golden signals from the terminal. */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../engine/api/types';
import { helloworldMesh, helloworldRoutes, meshOf, versionSubsets } from '../../engine/istio/testing';
import { testCluster } from '../../engine/testing/fixtures';
import { createShell } from '../index';
import { defaultLoadName } from './lab-mesh';

function helloworld(objs: KObject[] = []) {
  const c = helloworldMesh(objs);
  const sh = createShell(c);
  return { c, run: (line: string) => sh.run(line) };
}

const jasonToV2: KObject[] = [
  versionSubsets(),
  helloworldRoutes([
    {
      match: [{ headers: { 'end-user': { exact: 'jason' } } }],
      route: [{ destination: { host: 'helloworld', subset: 'v2' } }],
    },
    { route: [{ destination: { host: 'helloworld', subset: 'v1' } }] },
  ]),
];

describe('lab mesh load', () => {
  it('starts a generator in a sidecar client, lists it, and the telemetry counts its requests', () => {
    const { c, run } = helloworld();
    expect(run('lab mesh load start --from pod/sleep --to http://helloworld:5000/hello --rps 20')).toEqual({
      output:
        'mesh load "sleep-helloworld" started: 20 requests/s from app=sleep in default to http://helloworld:5000/hello\n',
      exitCode: 0,
    });
    c.advance(10_000);
    const sent = meshOf(c).load.list()[0].sent;
    expect(sent).toBeGreaterThan(150);
    expect(sent).toBeLessThan(250);
    expect(run('lab mesh load list').output).toBe(
      [
        'NAME               FROM        TO                             RPS   HEADERS   SENT   STATE',
        `sleep-helloworld   app=sleep   http://helloworld:5000/hello   20    <none>    ${String(sent).padEnd(7)}running`,
        '',
      ].join('\n'),
    );
    const edges = meshOf(c).telemetry.edgeStats(c.clock.now());
    expect(edges.map((e) => [e.source, e.destination, e.mtls])).toEqual([
      ['default/sleep', 'default/helloworld-v1', true],
      ['default/sleep', 'default/helloworld-v2', true],
    ]);
    expect(edges[0].requests + edges[1].requests).toBe(sent);
    expect(run('lab mesh load stop sleep-helloworld').output).toBe('mesh load "sleep-helloworld" stopped\n');
    expect(run('lab mesh load list').output).toBe('No mesh load generators are running.\n');
  });

  it('sends headers, so a VirtualService header match routes the generator', () => {
    const { c, run } = helloworld(jasonToV2);
    expect(
      run(
        'lab mesh load start --name jason --from pod/sleep --to http://helloworld:5000/hello -H "end-user: jason" --rps 10',
      ).exitCode,
    ).toBe(0);
    c.advance(10_000);
    const edges = meshOf(c).telemetry.edgeStats(c.clock.now());
    expect(edges.map((e) => e.destination)).toEqual(['default/helloworld-v2']);
    expect(run('lab mesh load list').output).toContain('end-user: jason');
    expect(run('lab mesh load stop --all').output).toBe('stopped 1 mesh load generator\n');
    expect(run('lab mesh load stop --all').output).toBe('no mesh load generators are running\n');
  });

  it('explains what is wrong', () => {
    const { run } = helloworld();
    expect(run('lab mesh load start --to /x')).toEqual({
      output: `error: --from and --to are required\nSee 'lab mesh load start -h' for help and examples\n`,
      exitCode: 1,
    });
    expect(run('lab mesh load start --from ingress --to http://x/').output).toBe(
      'error: with --from ingress, --to is a path on the gateway (e.g. /productpage), not a URL\n',
    );
    expect(run('lab mesh load start --from pod/sleep --to /hello').output).toBe(
      'error: --to must be a URL for a pod client (e.g. http://reviews:9080/), got "/hello"\n',
    );
    expect(run('lab mesh load start --from deploy/nope --to http://helloworld:5000/').output).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect(run('lab mesh load start --from pod/sleep --to http://helloworld:5000/ -H nocolon').output).toBe(
      'error: --header must be NAME: VALUE (e.g. "end-user: jason"), got "nocolon"\n',
    );
    expect(run('lab mesh load start --from pod/sleep --to http://helloworld:5000/ --rps 5000').output).toBe(
      'error: rps must be between 1 and 1000, got 5000\n',
    );
    expect(run('lab mesh load stop nope').output).toBe('error: no mesh load generator named "nope"\n');
    expect(run('lab mesh load stop').output).toBe(
      `error: specify a generator NAME or --all\nSee 'lab mesh load stop -h' for help and examples\n`,
    );
  });

  it('needs Istio installed', () => {
    const sh = createShell(testCluster());
    expect(sh.run('lab mesh load start --from ingress --to /productpage')).toEqual({
      output: 'error: Istio is not installed: run istioctl install -y first\n',
      exitCode: 1,
    });
    expect(sh.run('lab mesh stats').output).toBe('No requests went through the mesh in the last 10s.\n');
  });

  it('names generators after their source and target', () => {
    expect(defaultLoadName('ingress', '/productpage')).toBe('ingress-productpage');
    expect(defaultLoadName('ingress', '/')).toBe('ingress-root');
    expect(defaultLoadName('ingress', '/blue/x?y=1')).toBe('ingress-blue');
    expect(defaultLoadName('sleep', 'http://reviews.default.svc:9080/reviews/0')).toBe('sleep-reviews');
  });
});

describe('lab mesh stats and signals', () => {
  it('prints each edge and each workload from the telemetry, with errors and mTLS', () => {
    const { c, run } = helloworld();
    run('lab mesh load start --from pod/sleep --to http://helloworld:5000/hello --rps 20');
    run('lab mesh load start --name missing --from pod/sleep --to http://helloworld:5000/missing --rps 5');
    c.advance(10_000);
    const now = c.clock.now();
    const t = meshOf(c).telemetry;
    const edges = t.edgeStats(now);
    const rows = run('lab mesh stats').output.split('\n');
    expect(rows[0]).toBe('SOURCE   DESTINATION     RPS    ERRORS   P50   P95   P99   MTLS');
    expect(rows).toHaveLength(edges.length + 2);
    for (const [i, e] of edges.entries()) {
      expect(rows[i + 1].split(/\s+/)).toEqual([
        'sleep',
        e.destination.replace('default/', ''),
        e.rps.toFixed(1),
        `${e.errorPercent.toFixed(1)}%`,
        `${Math.round(e.p50)}ms`,
        `${Math.round(e.p95)}ms`,
        `${Math.round(e.p99)}ms`,
        'yes',
      ]);
    }
    // A 404 is not an error: only 5xx and failed requests count.
    expect(edges.every((e) => e.errorPercent === 0)).toBe(true);
    expect(run('lab mesh stats -A').output).toContain('default/sleep   default/helloworld-v1');
    const signals = run('lab mesh signals').output.split('\n');
    expect(signals[0]).toBe('WORKLOAD        RPS    ERRORS   P50   P95   P99   SATURATION');
    const v1 = t.workloadStats('default/helloworld-v1', now);
    expect(signals[1].split(/\s+/)).toEqual([
      'helloworld-v1',
      v1.rps.toFixed(1),
      '0.0%',
      `${Math.round(v1.p50)}ms`,
      `${Math.round(v1.p95)}ms`,
      `${Math.round(v1.p99)}ms`,
      v1.saturation.toFixed(2),
    ]);
    expect(run('lab mesh signals deploy/helloworld-v2').output.split('\n')).toHaveLength(3);
    expect(run('lab mesh signals nope').output).toBe(
      'No requests reached workload "nope" in the last 10s.\n',
    );
  });

  it('shows an ingress gateway in its own namespace and outside callers as unknown', () => {
    const gateway: KObject[] = [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'Gateway',
        metadata: { name: 'hello-gateway', namespace: 'default' },
        spec: {
          selector: { istio: 'ingressgateway' },
          servers: [{ port: { number: 8080, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }],
        },
      },
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { name: 'hello', namespace: 'default' },
        spec: {
          hosts: ['*'],
          gateways: ['hello-gateway'],
          http: [{ route: [{ destination: { host: 'helloworld', port: { number: 5000 } } }] }],
        },
      },
    ];
    const { c, run } = helloworld(gateway);
    expect(run('lab mesh load start --from ingress --to /hello --rps 10').output).toBe(
      'mesh load "ingress-hello" started: 10 requests/s from the istio-ingressgateway to /hello\n',
    );
    c.advance(10_000);
    const out = run('lab mesh stats').output;
    expect(out).toMatch(/\nistio-ingressgateway\.istio-system +helloworld-v1 +[\d.]+ +0\.0% /);
    expect(out).not.toContain('unknown');
    expect(run('lab mesh stats -n istio-system').output).toMatch(
      /\nunknown +istio-ingressgateway +[\d.]+ +0\.0% .* no\n/,
    );
  });
});
