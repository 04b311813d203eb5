/**
 * The trigger definition of `oc set triggers` (openshift/oc pkg/cli/set/triggers.go TriggerDefinition):
 * a BuildConfig's, DeploymentConfig's or workload's triggers read into one shape (config change, image
 * changes, webhooks) and written back in the object's own form.
 */
import type { ResourceType } from '../../engine/api/kinds';
import type { KObject } from '../../engine/api/types';

type Any = any;

export interface ImageTrigger {
  auto: boolean;
  from: string;
  /** Empty when it is the object's own namespace. */
  namespace: string;
  names?: string[];
}

export interface Webhook {
  secret?: string;
  secretReference?: { name: string };
  allowEnv?: boolean;
}

export interface Definition {
  configChange: boolean;
  imageChange: ImageTrigger[];
  generic: Webhook[];
  github: Webhook[];
  gitlab: Webhook[];
  bitbucket: Webhook[];
}

export const empty = (): Definition => ({
  configChange: false,
  imageChange: [],
  generic: [],
  github: [],
  gitlab: [],
  bitbucket: [],
});
export const ns = (n: string | undefined, own: string) => (!n || n === own ? '' : n);
export const WORKLOADS = new Set([
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'cronjobs.batch',
]);
export const HOOKS = {
  generic: 'Generic',
  github: 'GitHub',
  gitlab: 'GitLab',
  bitbucket: 'Bitbucket',
} as const;

export function idOf(rt: ResourceType): string {
  return rt.group ? `${rt.plural}.${rt.group}` : rt.plural;
}

/** The builder image the strategy uses, when it is an ImageStreamTag (the implicit image trigger). */
function strategyTrigger(bc: Any): ImageTrigger | undefined {
  const s = bc.spec?.strategy ?? {};
  const from = (s.sourceStrategy ?? s.dockerStrategy ?? s.customStrategy)?.from;
  return from?.kind === 'ImageStreamTag'
    ? { auto: false, from: from.name, namespace: ns(from.namespace, bc.metadata.namespace) }
    : undefined;
}

function podSpecOf(obj: Any): Any {
  return obj.spec?.jobTemplate?.spec?.template?.spec ?? obj.spec?.template?.spec ?? {};
}

export function read(id: string, obj: Any): Definition {
  const t = empty();
  const own = obj.metadata.namespace;
  if (id === 'deploymentconfigs.apps.openshift.io') {
    for (const tr of obj.spec?.triggers ?? []) {
      if (tr.type === 'ConfigChange') t.configChange = true;
      else if (tr.type === 'ImageChange')
        t.imageChange.push({
          auto: !!tr.imageChangeParams?.automatic,
          names: tr.imageChangeParams?.containerNames,
          from: tr.imageChangeParams?.from?.name ?? '',
          namespace: ns(tr.imageChangeParams?.from?.namespace, own),
        });
    }
  } else if (id === 'buildconfigs.build.openshift.io') {
    let setStrategy = false;
    for (const tr of obj.spec?.triggers ?? []) {
      if (tr.type === 'ConfigChange') t.configChange = true;
      else if (tr.type === 'ImageChange') {
        const st = strategyTrigger(obj);
        if (!tr.imageChange?.from) {
          if (st) {
            setStrategy = true;
            t.imageChange.push({ ...st, auto: true });
          }
          continue;
        }
        t.imageChange.push({
          auto: true,
          from: tr.imageChange.from.name,
          namespace: ns(tr.imageChange.from.namespace, own),
        });
      } else {
        const key = (Object.keys(HOOKS) as (keyof typeof HOOKS)[]).find((k) => HOOKS[k] === tr.type);
        if (key) t[key].push({ ...(tr[key] ?? {}) });
      }
    }
    const st = strategyTrigger(obj);
    if (!setStrategy && st) t.imageChange.push(st);
  } else {
    t.configChange = id === 'deployments.apps' ? !obj.spec?.paused : true;
    let raw: Any[] = [];
    try {
      raw = JSON.parse(obj.metadata.annotations?.['image.openshift.io/triggers'] ?? '[]') ?? [];
    } catch {
      raw = [];
    }
    const containers: Any[] = podSpecOf(obj).containers ?? [];
    for (const tr of raw) {
      const m = /containers\[\?\(@\.name=="([^"]+)"\)\]\.image$/.exec(tr.fieldPath ?? '');
      const i = /containers\[(\d+)\]\.image$/.exec(tr.fieldPath ?? '');
      const name = m ? m[1] : i ? containers[Number(i[1])]?.name : undefined;
      if (!name) continue;
      t.imageChange.push({
        auto: !tr.paused,
        names: [name],
        from: tr.from?.name ?? '',
        namespace: ns(tr.from?.namespace, own),
      });
    }
  }
  return t;
}

export const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function containerNames(obj: Any): string[] {
  const spec = podSpecOf(obj);
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c: Any) => c.name).sort();
}

function checkNames(obj: Any, t: ImageTrigger): void {
  if (!t.names?.length) throw new Error('you must specify --containers when setting --from-image');
  const all = containerNames(obj);
  const missing = [...new Set(t.names.filter((n) => !all.includes(n)))].sort();
  if (missing.length)
    throw new Error(
      `not all container names exist: ${missing.join(', ')} (accepts: ${[...new Set(all)].join(', ')})`,
    );
}

const WEB_HOOKS = [
  ['github', 'GitHub web hooks'],
  ['generic', 'web hooks'],
  ['gitlab', 'GitLab web hooks'],
  ['bitbucket', 'Bitbucket web hooks'],
] as const;

/** Only BuildConfigs take web hook triggers: anything else rejects them, in oc's order of kinds. */
function rejectWebHooks(t: Definition, message: string): void {
  for (const [k, what] of WEB_HOOKS) if (t[k].length) throw new Error(`${message} ${what}`);
}

function streamTagRef(name: string, namespace: string | undefined): Any {
  return { kind: 'ImageStreamTag', name, ...(namespace ? { namespace } : {}) };
}

/** Existing triggers the definition still names (kept as they are), then the new ones. */
function mergeTriggers(existing: Any[], next: Any[], alike: (a: Any, b: Any) => boolean): Any[] {
  return [
    ...existing.filter((e) => next.some((n) => alike(n, e))),
    ...next.filter((n) => !existing.some((e) => alike(e, n))),
  ];
}

/** Write the definition back; returns the changed object (or throws the message oc reports). */
export function apply(id: string, obj: Any, t: Definition): KObject {
  const own = obj.metadata.namespace;
  if (id === 'deploymentconfigs.apps.openshift.io') {
    rejectWebHooks(t, 'deployment configs do not support');
    const existing = (obj.spec?.triggers ?? []).filter((x: Any) => x.type !== 'ConfigChange');
    const next: Any[] = t.configChange ? [{ type: 'ConfigChange' }] : [];
    for (const im of t.imageChange) {
      checkNames(obj, im);
      next.push({
        type: 'ImageChange',
        imageChangeParams: {
          automatic: im.auto,
          from: streamTagRef(im.from, im.namespace),
          containerNames: im.names,
        },
      });
    }
    const merged = mergeTriggers(existing, next, same);
    return { ...obj, spec: { ...obj.spec, triggers: merged } };
  }
  if (id === 'buildconfigs.build.openshift.io') {
    const next: Any[] = t.configChange ? [{ type: 'ConfigChange' }] : [];
    for (const k of ['generic', 'github', 'gitlab', 'bitbucket'] as const)
      for (const h of t[k]) next.push({ type: HOOKS[k], [k]: h });
    let existing: Any[] = obj.spec?.triggers ?? [];
    const st = strategyTrigger(obj);
    for (const im of t.imageChange) {
      const isStrategy = !!st && st.from === im.from && st.namespace === im.namespace;
      if (!im.auto) {
        existing = existing.filter((e) => {
          const ic = e.imageChange;
          if (e.type !== 'ImageChange' || !ic) return true;
          if (!ic.from) return !isStrategy;
          return !(ic.from.name === im.from && ns(ic.from.namespace, own) === im.namespace);
        });
        continue;
      }
      next.push({
        type: 'ImageChange',
        imageChange: isStrategy ? {} : { from: streamTagRef(im.from, im.namespace) },
      });
    }
    // Image triggers compare by their `from` only (lastTriggeredImageID and the like are kept).
    const key = (x: Any) =>
      JSON.stringify(x.type === 'ImageChange' ? { type: x.type, from: x.imageChange?.from ?? null } : x);
    const merged = mergeTriggers(existing, next, (a, b) => key(a) === key(b));
    return { ...obj, spec: { ...obj.spec, triggers: merged } };
  }
  rejectWebHooks(t, 'does not support');
  const seen = new Set<string>();
  const out: Any[] = [];
  const path = obj.spec?.jobTemplate ? 'spec.jobTemplate.spec.template.spec' : 'spec.template.spec';
  for (const im of t.imageChange) {
    checkNames(obj, im);
    const dup = (im.names ?? []).filter((n) => seen.has(n));
    if (dup.length) throw new Error(`only one trigger may reference each container: ${dup.join(', ')}`);
    for (const n of im.names ?? []) {
      seen.add(n);
      out.push({
        from: streamTagRef(im.from, im.namespace !== own ? im.namespace : undefined),
        fieldPath: `${path}.containers[?(@.name=="${n}")].image`,
        ...(im.auto ? {} : { paused: true }),
      });
    }
  }
  const annotations = {
    ...(obj.metadata.annotations ?? {}),
    'image.openshift.io/triggers': out.length ? JSON.stringify(out) : 'null',
  };
  // Deployments pause when the config change trigger goes away (oc's Apply sets spec.paused).
  const spec = { ...obj.spec };
  if (id === 'deployments.apps') {
    if (t.configChange) delete spec.paused;
    else spec.paused = true;
  }
  return { ...obj, metadata: { ...obj.metadata, annotations }, spec };
}
