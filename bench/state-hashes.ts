/**
 * `npm run --silent bench:hashes > before.txt`, change the engine, run it again and diff: the state hash
 * of three seeded scenarios (a 1,000-pod scale-up, a 600-pod rollout, faults: a bad image, a crash loop,
 * a scale-down) at 20 points. A change meant only to make the engine faster must leave all of them equal.
 */

import { createShell } from '../src/cli';
import { createCluster, defaultNodes } from '../src/engine/cluster';

/** A shell on a fresh cluster: every scenario is driven through kubectl, as a learner drives it. */
function lab(seed: number, workers: number) {
  const cluster = createCluster({ seed, nodes: defaultNodes(workers) });
  const shell = createShell(cluster, { files: { read: () => undefined, list: () => [] } });
  return { c: cluster, sh: shell };
}

const out: string[] = [];
{
  const { c, sh } = lab(1, 50);
  sh.run('kubectl create deployment web --image=nginx:1.27 --replicas=0');
  sh.run('kubectl expose deployment web --port=80');
  c.advance(5000);
  sh.run('kubectl scale deployment web --replicas=1000');
  for (let i = 0; i < 8; i++) {
    c.advance(1000);
    out.push(`scale t+${i + 1}s ${c.stateHash()}`);
  }
}
{
  const { c, sh } = lab(7, 10);
  sh.run('kubectl create deployment web --image=nginx:1.27 --replicas=600');
  sh.run('kubectl expose deployment web --port=80');
  c.advance(20000);
  sh.run('kubectl set image deployment/web nginx=nginx:1.26');
  for (let i = 0; i < 6; i++) {
    c.advance(5000);
    out.push(`rollout t+${(i + 1) * 5}s ${c.stateHash()}`);
  }
  sh.run('kubectl create deployment bad --image=nginx:9.9 --replicas=3');
  sh.run('kubectl create deployment crash --image=busybox:1.36 --replicas=2 -- sh -c "exit 1"');
  sh.run('kubectl run probe --image=nginx:1.27');
  sh.run('kubectl scale deployment web --replicas=50');
  for (let i = 0; i < 6; i++) {
    c.advance(30000);
    out.push(`faults t+${(i + 1) * 30}s ${c.stateHash()}`);
  }
}
console.log(out.join('\n'));
