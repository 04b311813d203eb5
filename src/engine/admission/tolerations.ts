/**
 * DefaultTolerationSeconds: every pod tolerates `node.kubernetes.io/not-ready` and `unreachable`
 * (NoExecute) for 300 seconds, so it is evicted five minutes after its node fails.
 */
import type { AdmissionRequest } from '../api/apiserver';

export const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

function tolerates(tolerations: any[], key: string): boolean {
  return tolerations.some(
    (t) =>
      (t.operator === 'Exists' && !t.key && (!t.effect || t.effect === 'NoExecute')) ||
      (t.key === key && (!t.effect || t.effect === 'NoExecute')),
  );
}

/** The two tolerations, one frozen object each shared by every pod (stored objects are never mutated). */
const DEFAULT_TOLERATIONS = [NOT_READY, UNREACHABLE].map((key) =>
  Object.freeze({
    effect: 'NoExecute',
    key,
    operator: 'Exists',
    tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
  }),
);

export function defaultTolerationSecondsAdmission(req: AdmissionRequest): void {
  if (req.operation !== 'CREATE' || req.resource.plural !== 'pods' || req.resource.group !== '') return;
  const pod = req.object;
  const tolerations: any[] = pod.spec?.tolerations ?? [];
  const added: any[] = [];
  for (const t of DEFAULT_TOLERATIONS) if (!tolerates(tolerations, t.key)) added.push(t);
  if (added.length > 0) pod.spec = { ...pod.spec, tolerations: [...tolerations, ...added] };
}
