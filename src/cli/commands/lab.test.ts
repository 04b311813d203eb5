/** The `lab` program: traffic generators, faults and the image catalog from the terminal. */
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../engine/testing/fixtures';
import type { Traffic } from '../../engine/traffic';
import { createShell } from '../index';

function lab(replicas = 3) {
  const c = testCluster();
  const sh = createShell(c);
  const run = (line: string) => sh.run(line);
  expect(
    run(`kubectl create deployment web --image=kubedojo/web:1.0 --replicas=${replicas} --port=8080`).exitCode,
  ).toBe(0);
  expect(run('kubectl expose deployment web --port=80 --target-port=8080').exitCode).toBe(0);
  c.advance(30_000);
  return { c, run, traffic: c.ctx.services.get('traffic') as Traffic };
}

describe('lab traffic', () => {
  it('starts a generator, reports per-Service rates, errors and latencies, and stops it', () => {
    const { c, run, traffic } = lab();
    expect(run('lab traffic start svc/web --rps 20')).toEqual({
      output: 'traffic to service/web started: 20 requests/s via ClusterIP to /\n',
      exitCode: 0,
    });
    c.advance(20_000);
    const status = run('lab traffic status');
    expect(status.exitCode).toBe(0);
    const sent = traffic.list()[0].sent;
    const s = traffic.stats('default/web');
    expect(status.output).toBe(
      [
        'NAMESPACE   SERVICE   VIA         TARGET-RPS   PATH   SENT   STATE',
        `default     web       ClusterIP   20           /      ${sent}    running`,
        '',
        'NAMESPACE   SERVICE   RPS    ERRORS   P50   P95   P99',
        `default     web       ${s.rps.toFixed(1)}   0.0%     ${s.p50}ms   ${s.p95}ms   ${s.p99}ms`,
        '',
      ].join('\n'),
    );
    expect(run('lab traffic stop svc/web').output).toBe('traffic to service/web stopped\n');
    expect(run('lab traffic stop --all').output).toBe('no traffic generators are running\n');
    c.advance(20_000);
    expect(run('lab traffic status').output).toBe(
      'No traffic generators are running.\n\nNo requests reached a Service in the last 10s.\n',
    );
  });

  it('shows error kinds when a container restarts under load', () => {
    const { c, run } = lab(1);
    run('lab traffic start svc/web --rps 50');
    c.advance(5_000);
    expect(run('lab fault kill deploy/web').output).toMatch(
      /^killed pod default\/web-[a-z0-9]+-[a-z0-9]{5}\n$/,
    );
    c.advance(3_000);
    expect(run('lab traffic status').output).toMatch(/default {5}web {7}[\d.]+ +[\d.]+% \(refused \d+\) /);
  });

  it('counts kubectl exec wget requests in the same stats', () => {
    const { c, run, traffic } = lab(1);
    run('kubectl run client --image=busybox:1.36 -- sleep 3600');
    c.advance(10_000);
    for (let i = 0; i < 4; i++) expect(run('kubectl exec client -- wget -qO- http://web').exitCode).toBe(0);
    c.advance(1_000);
    expect(traffic.stats('default/web').requests).toBe(4);
    expect(run('lab traffic status').output).toContain('default     web       0.4   0.0%');
  });

  it('explains what is wrong', () => {
    const { run } = lab(1);
    expect(run('lab traffic start deploy/web')).toEqual({
      output: `error: traffic goes to a Service: expected svc/NAME, got "deploy/web"\nSee 'lab traffic start -h' for help and examples\n`,
      exitCode: 1,
    });
    expect(run('lab traffic start svc/nope').output).toBe(
      'Error from server (NotFound): services "nope" not found\n',
    );
    expect(run('lab traffic start svc/web -n other').output).toBe(
      'Error from server (NotFound): services "web" not found\n',
    );
    expect(run('lab traffic start svc/web --via nodeport').output).toBe(
      'error: service "web" is of type ClusterIP, not NodePort\n',
    );
    expect(run('lab traffic start svc/web --via carrier-pigeon').output).toBe(
      'error: --via must be one of clusterip, nodeport, ingress, got "carrier-pigeon"\n',
    );
    expect(run('lab traffic start svc/web --rps 5000').output).toBe(
      'error: --rps must be between 1 and 1000, got 5000\n',
    );
    expect(run('lab traffic start svc/web --rps=abc').output).toBe(
      `error: invalid argument "abc" for "--rps" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee 'lab traffic start --help' for usage.\n`,
    );
    expect(run('lab traffic stop').output).toBe(
      `error: specify a Service (svc/NAME) or --all\nSee 'lab traffic stop -h' for help and examples\n`,
    );
    expect(run('lab traffic stop svc/web').output).toBe(
      'error: no traffic is being sent to service/web in namespace "default"\n',
    );
    expect(run('lab bogus')).toEqual({
      output: `error: unknown command "bogus" for "lab" (available: traffic, mesh, fault, images, git)\nSee 'lab --help' for usage.\n`,
      exitCode: 1,
    });
  });

  it('takes -n before the subcommand too', () => {
    const { run } = lab(1);
    run('kubectl create namespace shop');
    run('kubectl create deployment api -n shop --image=kubedojo/web:1.0');
    run('kubectl expose deployment api -n shop --port=80 --target-port=8080');
    expect(run('lab -n shop traffic start svc/api --rps 5').output).toBe(
      'traffic to service/api started: 5 requests/s via ClusterIP to /\n',
    );
  });
});

describe('lab fault', () => {
  it('breaks and fixes the readiness probe of a Deployment; the Pod leaves and rejoins the endpoints', () => {
    const c = testCluster();
    const sh = createShell(c);
    sh.run('kubectl create deployment web --image=kubedojo/web:1.0 --replicas=2 --port=8080');
    sh.run('kubectl expose deployment web --port=80 --target-port=8080');
    sh.run(
      `kubectl patch deployment web --type=json -p '[{"op":"add","path":"/spec/template/spec/containers/0/readinessProbe","value":{"httpGet":{"path":"/ready","port":8080},"periodSeconds":5}}]'`,
    );
    c.advance(60_000);
    const ready = () => {
      const subsets = (c.api.get('endpoints', 'default', 'web').subsets ?? []) as { addresses?: unknown[] }[];
      return subsets[0]?.addresses?.length ?? 0;
    };
    expect(ready()).toBe(2);
    expect(sh.run('lab fault break-ready deploy/web').output).toBe(
      'readiness probe of web now fails (/ready answers 500)\n',
    );
    c.advance(20_000);
    expect(ready()).toBe(0);
    expect(sh.run('lab fault fix deploy/web').output).toBe('endpoints of web healthy again\n');
    c.advance(10_000);
    expect(ready()).toBe(2);
    // --one: only the first running pod leaves; fixing the Deployment fixes it too.
    expect(sh.run('lab fault break-ready deploy/web --one').output).toMatch(
      /^readiness probe of web-[a-z0-9]+-[a-z0-9]{5} now fails \(\/ready answers 500\)\n$/,
    );
    c.advance(20_000);
    expect(ready()).toBe(1);
    sh.run('lab fault fix deploy/web');
    c.advance(10_000);
    expect(ready()).toBe(2);
  });

  it('breaks /healthz when there is no liveness probe, and reports unknown targets', () => {
    const { run } = lab(1);
    expect(run('lab fault break-healthz web').output).toBe('/healthz of web now answers 500\n');
    expect(run('lab fault break-healthz pod/nope').output).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    expect(run('lab fault break-healthz deploy/nope').output).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
    expect(run('lab fault break-healthz nope').output).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    expect(run('lab fault stop-node node-9').output).toBe(
      'Error from server (NotFound): nodes "node-9" not found\n',
    );
    expect(run('lab fault slow-start web --seconds 0').output).toBe(
      'error: --seconds must be positive, got 0\n',
    );
  });

  it('stops and starts a node, makes an image unpullable, slows start-up, and clears everything', () => {
    const { c, run } = lab(1);
    expect(run('lab fault stop-node node-2').output).toBe('kubelet on node-2 stopped\n');
    expect(run('lab fault start-node node-2').output).toBe('kubelet on node-2 started\n');
    expect(run('lab fault unpullable nginx:1.27').output).toBe('pulls of nginx:1.27 now fail\n');
    run('kubectl run p --image=nginx:1.27');
    c.advance(10_000);
    expect(run('kubectl get pod p').output).toMatch(/^p +0\/1 +(ErrImagePull|ImagePullBackOff) /m);
    expect(run('lab fault slow-start deploy/web --seconds 45').output).toBe(
      'web now takes 45s longer to start\n',
    );
    expect(run('lab fault clear').output).toBe('all faults cleared\n');
  });
});

describe('lab images and help', () => {
  it('lists the lab images first and describes one', () => {
    const { run } = lab(1);
    const list = run('lab images').output.split('\n');
    expect(list[0]).toMatch(/^IMAGE +TAGS +PORTS +SHELL$/);
    expect(list[1]).toMatch(/^kubedojo\/web +1\.0,2\.0,latest +8080\S* +sh$/);
    expect(list.findIndex((l) => l.startsWith('nginx '))).toBeGreaterThan(
      list.findIndex((l) => l.startsWith('kubedojo/warmup ')),
    );
    expect(run('lab images --lab').output.trim().split('\n')).toHaveLength(9);
    const hang = run('lab images kubedojo/hang:1.0').output.split('\n');
    expect(hang.filter((l) => !l.startsWith('Ports:'))).toEqual([
      'Image:        kubedojo/hang',
      'Repository:   docker.io/kubedojo/hang',
      'Tags:         1.0, latest',
      'Size:         6.1 MB',
      'Shell:        sh',
      'Description:  Stops answering (every request hangs) HANG_AFTER_SECONDS after start (default: never) or after GET /hang.',
      '',
    ]);
    expect(hang[4]).toMatch(/^Ports: {8}8080(,\d+)*$/);
    expect(run('lab images nope/nothing').output).toBe(
      'error: image "nope/nothing" is not in the lab registries (see lab images)\n',
    );
  });

  it('prints help for lab, a family and a command', () => {
    const { run } = lab(1);
    expect(run('lab').output).toContain('Available Commands:\n  traffic   Send traffic to Services');
    expect(run('lab traffic').exitCode).toBe(1);
    expect(run('lab fault --help').output).toContain(
      '  break-healthz   Make the liveness endpoint fail (500)\n',
    );
    const help = run('lab traffic start -h');
    expect(help.exitCode).toBe(0);
    expect(help.output).toContain('    --rps=20:\n\tAverage requests per second (1-1000).\n');
  });
});
