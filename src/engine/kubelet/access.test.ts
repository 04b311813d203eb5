/** Logs, exec, HTTP into pods and graceful termination, through the 'kubelets' service. */
import { beforeAll, describe, expect, it } from 'vitest';
import { StatusError } from '../api/errors';
import { configMap, pod, testCluster } from '../testing/fixtures';
import type { KubeletsService } from './index';
import { podEvents, recordTimeline } from './testing';

describe('kubelet access', () => {
  const c = testCluster();
  const k = c.ctx.services.get('kubelets') as KubeletsService;
  beforeAll(() => {
    c.api.create(configMap('web-content', { 'index.html': '<h1>hello from a ConfigMap</h1>\n' }));
    c.api.create(
      pod('web', 'nginx:1.27', {
        nodeName: 'node-1',
        containers: [
          {
            name: 'web',
            image: 'nginx:1.27',
            env: [{ name: 'GREETING', value: 'hi' }],
            volumeMounts: [{ name: 'content', mountPath: '/usr/share/nginx/html/custom' }],
          },
        ],
        volumes: [{ name: 'content', configMap: { name: 'web-content' } }],
      }),
    );
    c.api.create(
      pod('sleeper', 'busybox:1.36', {
        nodeName: 'node-2',
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      }),
    );
    c.api.create(
      pod('crash', 'busybox:1.36', {
        nodeName: 'node-1',
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; exit 1'] }],
      }),
    );
    c.api.create(pod('never', 'nginx:doesnotexist', { nodeName: 'node-3' }));
    c.advance(20_000);
  });

  it('serves HTTP from the image profile and logs the request as nginx does', () => {
    const web = c.api.get('pods', 'default', 'web');
    const r = k.handleHttp(web, 80, 'GET', '/', { 'User-Agent': 'curl/8.11.1' }, '10.244.2.7');
    expect(r.ok && r.status).toBe(200);
    expect(r.ok && r.body).toContain('<title>Welcome to nginx!</title>');
    expect(r.ok && r.body.length).toBe(615);
    const custom = k.handleHttp(web, 80, 'GET', '/custom/', {}, '10.244.2.7');
    expect(custom.ok && custom.body).toBe('<h1>hello from a ConfigMap</h1>\n');
    expect(k.handleHttp(web, 80, 'GET', '/missing', {}, '10.244.2.7')).toMatchObject({
      ok: true,
      status: 404,
    });
    expect(k.handleHttp(web, 8080, 'GET', '/', {}, '10.244.2.7')).toMatchObject({
      ok: false,
      error: 'refused',
    });
    expect(k.logs('default', 'web', undefined, { tail: 1 })).toBe(
      '10.244.2.7 - - [15/Jan/2025:09:02:20 +0000] "GET /missing HTTP/1.1" 404 153 "-" "-" "-"\n',
    );
    const logs = k.logs('default', 'web');
    expect(logs.split('\n')[0]).toBe(
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    );
    expect(logs).toContain(
      '10.244.2.7 - - [15/Jan/2025:09:02:20 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.11.1" "-"\n',
    );
    expect(k.logs('default', 'web', 'web', { tail: 1, timestamps: true })).toMatch(
      /^2025-01-15T09:02:20\.\d{9}Z 10\.244\.2\.7 /,
    );
  });

  it('gives the API server errors for logs that do not exist', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof StatusError ? `${e.reason}: ${e.message}` : String(e);
      }
      return 'no error';
    };
    expect(err(() => k.logs('default', 'web', 'web', { previous: true }))).toBe(
      'BadRequest: previous terminated container "web" in pod "web" not found',
    );
    expect(err(() => k.logs('default', 'never'))).toBe(
      'BadRequest: container "never" in pod "never" is waiting to start: trying and failing to pull image',
    );
    expect(err(() => k.logs('default', 'nope'))).toBe('NotFound: pods "nope" not found');
    expect(k.logs('default', 'crash')).toBe('starting\n');
    expect(k.logs('default', 'crash', 'app', { previous: true })).toBe('starting\n');
  });

  it('execs in the container: files, env, kubelet-managed files, processes', () => {
    expect(k.exec('default', 'web', 'web', ['cat', '/etc/hostname'])).toEqual({
      output: 'web\n',
      exitCode: 0,
    });
    expect(k.exec('default', 'web', 'web', ['printenv', 'GREETING'])).toEqual({
      output: 'hi\n',
      exitCode: 0,
    });
    expect(k.exec('default', 'web', 'web', ['sh', '-c', 'env | grep KUBERNETES_SERVICE_HOST'])).toEqual({
      output: 'KUBERNETES_SERVICE_HOST=10.96.0.1\n',
      exitCode: 0,
    });
    expect(k.exec('default', 'web', 'web', ['cat', '/etc/resolv.conf']).output).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    expect(k.exec('default', 'web', 'web', ['ls', '/usr/share/nginx/html/custom'])).toEqual({
      output: 'index.html\n',
      exitCode: 0,
    });
    expect(k.exec('default', 'web', 'web', ['sh', '-c', 'echo x > /usr/share/nginx/html/custom/y'])).toEqual({
      output: "sh: can't create /usr/share/nginx/html/custom/y: Read-only file system\n",
      exitCode: 1,
    });
    expect(k.exec('default', 'sleeper', 'app', ['ps'])).toEqual({
      output: 'PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n',
      exitCode: 0,
    });
    const ps = k.exec('default', 'web', 'web', ['ps']);
    expect(ps.exitCode).toBe(1);
    expect(ps.error).toMatch(
      /^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in \$PATH: unknown$/,
    );
    expect(k.exec('default', 'never', 'never', ['ls'])).toEqual({
      output: '',
      exitCode: 1,
      error: 'unable to upgrade connection: container not found ("never")',
    });
  });

  it('terminates gracefully: nginx stops on SIGQUIT, sleep ignores SIGTERM until SIGKILL at 30s', () => {
    const web = recordTimeline(c, 'default', 'web');
    const sleeper = recordTimeline(c, 'default', 'sleeper');
    c.api.delete('pods', 'default', 'web');
    c.api.delete('pods', 'default', 'sleeper');
    c.advance(40_000);
    expect(web).toEqual([
      '0.0s Running web=running ready r0',
      '0.1s Succeeded web=terminated:Completed(0) r0',
      '0.2s DELETED',
    ]);
    expect(sleeper).toEqual([
      '0.0s Running app=running ready r0',
      '30.0s Failed app=terminated:Error(137) r0',
      '30.3s DELETED',
    ]);
    expect(podEvents(c, 'default', 'sleeper').slice(-1)).toEqual(['Killing: Stopping container app']);
    expect(c.api.tryGet('pods', 'default', 'web')).toBeUndefined();
  });
});
