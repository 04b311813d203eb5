import { describe, expect, it } from 'vitest';
import { containerEnv } from './env-object';

/** What containerEnv must equal: the spread it replaces. */
function spread(image: Record<string, string> | undefined, hostname: string, pod: Record<string, string>) {
  const env: Record<string, string> = { ...image, HOSTNAME: hostname, ...pod };
  if (!env.HOME) env.HOME = '/root';
  return env;
}

describe('containerEnv', () => {
  const image = { PATH: '/usr/local/bin:/usr/bin', NGINX_VERSION: '1.27.3' };

  it('has the keys, order and values of { ...image, HOSTNAME, ...pod } with HOME defaulted', () => {
    const pod = { KUBERNETES_SERVICE_HOST: '10.96.0.1', WEB_SERVICE_PORT: '80' };
    const env = containerEnv(image, 'web-1', pod);
    expect(Object.entries(env)).toEqual(Object.entries(spread(image, 'web-1', pod)));
    expect(Object.keys(env)).toEqual([
      'PATH',
      'NGINX_VERSION',
      'HOSTNAME',
      'KUBERNETES_SERVICE_HOST',
      'WEB_SERVICE_PORT',
      'HOME',
    ]);
    expect(env.HOSTNAME).toBe('web-1');
    expect(env.HOME).toBe('/root');
  });

  it('lets the pod override HOSTNAME and image variables in their first position, and keeps a set HOME', () => {
    const pod = { NGINX_VERSION: 'mine', HOSTNAME: 'custom', HOME: '/home/app' };
    const env = containerEnv(image, 'web-2', pod);
    expect(Object.entries(env)).toEqual(Object.entries(spread(image, 'web-2', pod)));
    expect(env).toEqual({ PATH: image.PATH, NGINX_VERSION: 'mine', HOSTNAME: 'custom', HOME: '/home/app' });
  });

  it('defaults an empty HOME in place and works without image variables', () => {
    const pod = { HOME: '', A: '1' };
    expect(Object.entries(containerEnv(undefined, 'p', pod))).toEqual(
      Object.entries(spread(undefined, 'p', pod)),
    );
    expect(containerEnv(undefined, 'p', pod)).toEqual({ HOSTNAME: 'p', HOME: '/root', A: '1' });
  });

  it('gives each container its own object, even with the same keys', () => {
    const a = containerEnv(image, 'a', { X: '1' });
    const b = containerEnv(image, 'b', { X: '2' });
    expect(a).not.toBe(b);
    a.X = 'changed';
    expect(b).toEqual(spread(image, 'b', { X: '2' }));
  });
});
