/** `kubectl rollout restart` with a bare type restarts every object of it; the other subcommands need names. */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../engine/cluster';
import { createShell } from '../index';

describe('kubectl rollout restart TYPE', () => {
  it('restarts every Deployment in the namespace, stamping restartedAt on each template', () => {
    const cluster = createCluster({ seed: 4 });
    const shell = createShell(cluster, {});
    shell.run('kubectl create deployment api --image=nginx:1.27');
    shell.run('kubectl create deployment web --image=nginx:1.27');
    shell.run('kubectl create deployment other --image=nginx:1.27 -n kube-public');
    cluster.advance(20_000);
    const res = shell.run('kubectl rollout restart deployment');
    expect(res.output).toBe('deployment.apps/api restarted\ndeployment.apps/web restarted\n');
    expect(res.exitCode).toBe(0);
    for (const name of ['api', 'web'])
      expect(
        cluster.api.get('deployments.apps', 'default', name).spec.template.metadata.annotations,
      ).toHaveProperty('kubectl.kubernetes.io/restartedAt');
    expect(
      cluster.api.get('deployments.apps', 'kube-public', 'other').spec.template.metadata.annotations,
    ).toBeUndefined();
  });

  it('still asks the other subcommands for a name', () => {
    const shell = createShell(createCluster({ seed: 4 }), {});
    shell.run('kubectl create deployment web --image=nginx:1.27');
    expect(shell.run('kubectl rollout pause deployment').output).toBe(
      'error: resource(s) were provided, but no name was specified\n',
    );
  });
});
