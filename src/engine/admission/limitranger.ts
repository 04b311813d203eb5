/**
 * The LimitRanger admission plugin: containers without requests or limits get the namespace's
 * LimitRange defaults (and the `kubernetes.io/limit-ranger` annotation saying so); a container outside
 * a LimitRange's min/max is Forbidden with the real wording.
 */
import type { AdmissionRequest } from '../api/apiserver';
import { forbidden } from '../api/errors';
import type { EngineContext } from '../context';
import { canonicalQuantity, quantityValue } from '../schema/quantity';

const ANNOTATION = 'kubernetes.io/limit-ranger';

function containerItems(ctx: EngineContext, namespace: string): any[] {
  const items: any[] = [];
  for (const lr of ctx.api.store.list('limitranges', namespace)) {
    for (const item of (lr as any).spec?.limits ?? []) if (item.type === 'Container') items.push(item);
  }
  return items;
}

function isPod(req: AdmissionRequest): boolean {
  return req.operation === 'CREATE' && req.resource.plural === 'pods' && req.resource.group === '';
}

/** Mutating half: default requests and limits. */
export function limitRangerDefaults(ctx: EngineContext) {
  return (req: AdmissionRequest): void => {
    if (!isPod(req)) return;
    const items = containerItems(ctx, req.object.metadata.namespace ?? 'default');
    if (items.length === 0) return;
    const defaultRequests: Record<string, unknown> = {};
    const defaultLimits: Record<string, unknown> = {};
    for (const item of items) {
      Object.assign(defaultRequests, item.defaultRequest ?? {});
      Object.assign(defaultLimits, item.default ?? {});
    }
    const pod = req.object;
    const notes: string[] = [];
    const apply = (c: any, field: string) => {
      const resources = { ...(c.resources ?? {}) };
      const setRequests: string[] = [];
      const setLimits: string[] = [];
      for (const [k, v] of Object.entries(defaultRequests)) {
        if (resources.requests?.[k] === undefined) {
          resources.requests = { ...resources.requests, [k]: v };
          setRequests.push(k);
        }
      }
      for (const [k, v] of Object.entries(defaultLimits)) {
        if (resources.limits?.[k] === undefined) {
          resources.limits = { ...resources.limits, [k]: v };
          setLimits.push(k);
        }
      }
      if (setRequests.length) notes.push(`${setRequests.sort().join(', ')} request for ${field} ${c.name}`);
      if (setLimits.length) notes.push(`${setLimits.sort().join(', ')} limit for ${field} ${c.name}`);
      return setRequests.length || setLimits.length ? { ...c, resources } : c;
    };
    const spec = { ...pod.spec };
    spec.containers = (spec.containers ?? []).map((c: any) => apply(c, 'container'));
    if (spec.initContainers)
      spec.initContainers = spec.initContainers.map((c: any) => apply(c, 'init container'));
    pod.spec = spec;
    if (notes.length) {
      pod.metadata = {
        ...pod.metadata,
        annotations: {
          ...pod.metadata.annotations,
          [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}`,
        },
      };
    }
  };
}

/** Validating half: min and max per container. */
export function limitRangerValidation(ctx: EngineContext) {
  return (req: AdmissionRequest): void => {
    if (!isPod(req)) return;
    const items = containerItems(ctx, req.object.metadata.namespace ?? 'default');
    if (items.length === 0) return;
    const problems: string[] = [];
    const containers = [...(req.object.spec?.initContainers ?? []), ...(req.object.spec?.containers ?? [])];
    for (const item of items) {
      for (const c of containers) {
        for (const [res, min] of Object.entries(item.min ?? {})) {
          const req = c.resources?.requests?.[res];
          if (req === undefined)
            problems.push(
              `minimum ${res} usage per Container is ${canonicalQuantity(min as string)}.  No request is specified`,
            );
          else if (quantityValue(req) < quantityValue(min)) {
            problems.push(
              `minimum ${res} usage per Container is ${canonicalQuantity(min as string)}, but request is ${canonicalQuantity(req)}`,
            );
          }
        }
        for (const [res, max] of Object.entries(item.max ?? {})) {
          const lim = c.resources?.limits?.[res];
          if (lim === undefined)
            problems.push(
              `maximum ${res} usage per Container is ${canonicalQuantity(max as string)}.  No limit is specified`,
            );
          else if (quantityValue(lim) > quantityValue(max)) {
            problems.push(
              `maximum ${res} usage per Container is ${canonicalQuantity(max as string)}, but limit is ${canonicalQuantity(lim)}`,
            );
          }
        }
      }
    }
    if (problems.length) {
      const detail = problems.length === 1 ? problems[0] : `[${problems.join(', ')}]`;
      throw forbidden(`pods "${req.object.metadata.name}" is forbidden: ${detail}`);
    }
  };
}
