/**
 * The Priority admission plugin: priorityClassName resolves to spec.priority and spec.preemptionPolicy
 * (the global default class, or 0 and PreemptLowerPriority, when none is named); an unknown class and a
 * hand-written priority that disagrees are Forbidden with the real messages.
 */
import type { AdmissionRequest } from '../api/apiserver';
import { forbidden } from '../api/errors';
import type { StoredObject } from '../api/types';
import type { EngineContext } from '../context';

const PRIORITY_CLASSES = 'priorityclasses.scheduling.k8s.io';

export function priorityAdmission(ctx: EngineContext) {
  // The global default class, looked up again only after a PriorityClass changed (not once per pod).
  let globalDefault: { pc: StoredObject | undefined } | undefined;
  ctx.api.watch(PRIORITY_CLASSES, undefined, () => {
    globalDefault = undefined;
  });
  const findGlobalDefault = (): StoredObject | undefined => {
    globalDefault ??= {
      pc: ctx.api.store
        .list(PRIORITY_CLASSES)
        .filter((pc) => (pc as any).globalDefault === true)
        .sort((a, b) => ((a as any).value ?? 0) - ((b as any).value ?? 0))[0],
    };
    return globalDefault.pc;
  };
  return (req: AdmissionRequest): void => {
    if (req.operation !== 'CREATE' || req.resource.plural !== 'pods' || req.resource.group !== '') return;
    const pod = req.object;
    const spec = pod.spec ?? {};
    const deny = (why: string) => forbidden(`pods "${pod.metadata.name}" is forbidden: ${why}`);
    let className: string | undefined = spec.priorityClassName || undefined;
    let priority = 0;
    let preemptionPolicy: string | undefined = 'PreemptLowerPriority';
    if (className) {
      const pc = ctx.api.store.get(PRIORITY_CLASSES, undefined, className);
      if (!pc) throw deny(`no PriorityClass with name ${className} was found`);
      priority = (pc as any).value ?? 0;
      preemptionPolicy = (pc as any).preemptionPolicy;
    } else {
      const pc = findGlobalDefault();
      if (pc) {
        className = pc.metadata.name;
        priority = (pc as any).value ?? 0;
        preemptionPolicy = (pc as any).preemptionPolicy;
      }
    }
    if (spec.priority !== undefined && spec.priority !== priority) {
      throw deny(
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
      );
    }
    if (
      preemptionPolicy &&
      spec.preemptionPolicy !== undefined &&
      spec.preemptionPolicy !== preemptionPolicy
    ) {
      throw deny(
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemptionPolicy} from the given PriorityClass name`,
      );
    }
    const next: Record<string, unknown> = { ...spec, priority };
    if (className) next.priorityClassName = className;
    if (preemptionPolicy) next.preemptionPolicy = preemptionPolicy;
    pod.spec = next;
  };
}
