import { expect, it } from 'vitest';
import { deployment, pod, testCluster } from '../testing/fixtures';

it('the same seed and commands give the same state, byte for byte', () => {
  const run = () => {
    const c = testCluster();
    c.api.create(deployment('web', 3));
    c.api.create(
      pod('crash', 'busybox:1.36', {
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'date; exit 1'] }],
      }),
    );
    c.advance(60_000);
    return c.stateHash();
  };
  expect(run()).toBe(run());
});
