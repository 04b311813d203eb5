/** Test helpers for oc: an OpenShift cluster with the nodejs-ex sample built and rolled out through the shell. */
import type { Cluster } from '../../engine/cluster';
import { createCluster } from '../../engine/cluster';
import { createShell, type LabShell } from '../index';

/** `oc new-project demo` and `oc new-app nodejs~…/nodejs-ex`, two minutes on: the build done, the pod running. */
export function nodejsApp(): { c: Cluster; sh: LabShell } {
  const c = createCluster({ seed: 7, profile: 'openshift', freezeObjects: true });
  const sh = createShell(c);
  sh.run('oc new-project demo');
  sh.run('oc new-app nodejs~https://github.com/sclorg/nodejs-ex');
  c.advance(120_000);
  return { c, sh };
}
