/**
 * slowStartBatch (pkg/controller/replicaset): create in batches of 1, 2, 4, 8 ... and stop at the first
 * batch with an error, so a controller that cannot create (quota, admission) does not hammer the API
 * server. Returns how many calls succeeded and the first error.
 */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => void,
): { successes: number; error?: unknown } {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: unknown;
    let errors = 0;
    for (let i = 0; i < batch; i++) {
      try {
        fn();
      } catch (err) {
        errors++;
        error ??= err;
      }
    }
    successes += batch - errors;
    if (errors > 0) return { successes, error };
    remaining -= batch;
  }
  return { successes };
}
