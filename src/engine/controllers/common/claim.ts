/**
 * What a controller owns, the ControllerRefManager way: objects whose controller reference points at it,
 * minus those whose labels no longer match its selector (released), plus orphans that match (adopted, unless
 * the controller is being deleted).
 */
import type { ApiServer } from '../../api/apiserver';
import { matches, type Selector } from '../../api/selectors';
import type { StoredObject } from '../../api/types';
import { adopt, controllerRefOf, orphansIn, release } from './owners';

export function ownedBy(api: ApiServer, owner: StoredObject, kind: string): StoredObject[] {
  const uid = owner.metadata.uid;
  return api.dependents(uid).filter((o) => o.kind === kind && controllerRefOf(o)?.uid === uid);
}

export function claim(
  api: ApiServer,
  owner: StoredObject,
  resource: string,
  kind: string,
  selector: Selector | null,
  filter: (o: StoredObject) => boolean = () => true,
): StoredObject[] {
  const out: StoredObject[] = [];
  for (const o of ownedBy(api, owner, kind)) {
    if (matches(selector, o.metadata.labels)) out.push(o);
    else if (!o.metadata.deletionTimestamp) release(api, o, owner);
  }
  out.push(...adoptOrphans(api, owner, resource, kind, selector, filter));
  return out.filter(filter);
}

/** Only the adoption half of claim(): cheap, as it looks at the namespace's orphans alone. */
export function adoptOrphans(
  api: ApiServer,
  owner: StoredObject,
  resource: string,
  kind: string,
  selector: Selector | null,
  filter: (o: StoredObject) => boolean = () => true,
): StoredObject[] {
  if (owner.metadata.deletionTimestamp || !selector || selector.length === 0) return [];
  const out: StoredObject[] = [];
  for (const o of orphansIn(api, resource, owner.metadata.namespace ?? '')) {
    if (o.kind !== kind || !filter(o) || !matches(selector, o.metadata.labels)) continue;
    const adopted = adopt(api, o, owner);
    if (adopted) out.push(adopted);
  }
  return out;
}

/** Controllers of `kind` in the namespace whose selector matches an orphan's labels (to wake them). */
export function matchingControllers(
  api: ApiServer,
  resource: string,
  obj: StoredObject,
  selectorOf: (c: StoredObject) => Selector | null,
): StoredObject[] {
  return api.store.list(resource, obj.metadata.namespace).filter((c) => {
    const sel = selectorOf(c);
    return sel !== null && sel.length > 0 && matches(sel, obj.metadata.labels);
  });
}

/** Enqueue the controller of kind `kind` for a changed object (and its previous controller, if it changed). */
export function controllerKeys(obj: StoredObject, old: StoredObject | undefined, kind: string): string[] {
  const keys: string[] = [];
  const ref = controllerRefOf(obj);
  if (ref?.kind === kind) keys.push(ownerKey(obj.metadata.namespace, ref));
  const oldRef = old ? controllerRefOf(old) : undefined;
  if (oldRef && oldRef.kind === kind && oldRef.uid !== ref?.uid)
    keys.push(ownerKey(obj.metadata.namespace, oldRef));
  return keys;
}

/**
 * `namespace/name` of an owner, one string per ownerReference object: the pods of a controller share
 * their reference, and a key string used again keeps its hash for the work queue's set.
 */
const ownerKeys = new WeakMap<object, { namespace: string | undefined; key: string }>();

function ownerKey(namespace: string | undefined, ref: { name: string }): string {
  const hit = ownerKeys.get(ref);
  if (hit && hit.namespace === namespace) return hit.key;
  const key = `${namespace}/${ref.name}`;
  ownerKeys.set(ref, { namespace, key });
  return key;
}
