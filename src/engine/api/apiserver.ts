/**
 * The simulated kube-apiserver: create / get / list / update / patch / delete with the real semantics
 * that learners meet (resourceVersion conflicts, generation, status subresource, graceful deletion,
 * finalizers, namespaces that must exist and cannot take new content while terminating).
 *
 * Every write runs the same chain as the real server: decode strictly, default, admit (mutating),
 * validate, admit (validating), persist. A rejected request leaves the store untouched.
 */

import * as schema from '../schema';
import type { Clock } from '../sim/clock';
import type { Rng } from '../sim/rng';
import { NAME_ALPHABET } from '../sim/rng';
import { deepEqual } from '../util/objects';
import { planDeletion } from './deletion';
import {
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  notFound,
  qualifiedResource,
  StatusError,
} from './errors';
import { type KindRegistry, type ResourceType, resourceId } from './kinds';
import { byNamespaceAndName, ownerUids, specEqual } from './object-helpers';
import { applyPatch, type PatchType } from './patch';
import {
  ADMIN,
  type AdmissionPlugin,
  type AdmissionRequest,
  type DeleteOptions,
  type ListOptions,
  type WriteOptions,
} from './requests';
import { matches, matchesFields } from './selectors';
import { ObjectStore } from './store';
import type { KObject, StoredObject, WatchEvent } from './types';

export * from './requests';

export class ApiServer {
  readonly store: ObjectStore;
  private mutating: AdmissionPlugin[] = [];
  private readonly validateInternal: boolean;
  private validating: AdmissionPlugin[] = [];

  constructor(
    readonly kinds: KindRegistry,
    private readonly clock: Clock,
    private readonly rng: Rng,
    opts: { freeze?: boolean; validateInternalWrites?: boolean } = {},
  ) {
    this.store = new ObjectStore(opts.freeze ?? false);
    this.validateInternal = opts.validateInternalWrites ?? false;
    this.store.addIndex('owner', '*', ownerUids, { specAndMetadataOnly: true });
  }

  addMutatingAdmission(plugin: AdmissionPlugin): void {
    this.mutating.push(plugin);
  }

  addValidatingAdmission(plugin: AdmissionPlugin): void {
    this.validating.push(plugin);
  }

  /** The registered type for a resource id (`pods`, `deployments.apps`); throws for unknown ones. */
  type(resource: string): ResourceType {
    const rt = this.kinds.get(resource);
    if (!rt)
      throw new StatusError(
        404,
        'NotFound',
        `the server could not find the requested resource (${resource})`,
      );
    return rt;
  }

  typeOf(obj: Pick<KObject, 'apiVersion' | 'kind'>): ResourceType {
    const rt = this.kinds.forObject(obj);
    if (!rt)
      throw new StatusError(
        404,
        'NotFound',
        `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`,
      );
    return rt;
  }

  // ---------------------------------------------------------------- reads

  get(resource: string, namespace: string | undefined, name: string): StoredObject {
    const rt = this.type(resource);
    const obj = this.store.get(resourceId(rt), rt.namespaced ? namespace : undefined, name);
    if (!obj) throw notFound(qualifiedResource(rt.plural, rt.group), name);
    return obj;
  }

  tryGet(resource: string, namespace: string | undefined, name: string): StoredObject | undefined {
    const rt = this.kinds.get(resource);
    if (!rt) return undefined;
    return this.store.get(resource, rt.namespaced ? namespace : undefined, name);
  }

  list(resource: string, opts: ListOptions = {}): StoredObject[] {
    const rt = this.type(resource);
    const items = this.store.list(resource, rt.namespaced ? opts.namespace : undefined);
    const filtered = items.filter(
      (o) =>
        (!opts.labelSelector || matches(opts.labelSelector, o.metadata.labels)) &&
        (!opts.fieldSelector || matchesFields(opts.fieldSelector, o)),
    );
    return filtered.sort(byNamespaceAndName);
  }

  /** Objects that list `ownerUid` in their ownerReferences. */
  dependents(ownerUid: string): StoredObject[] {
    return this.store.byIndex('owner', ownerUid);
  }

  /**
   * Watch changes, optionally of one resource, starting after `resourceVersion` (replaying what the store
   * still remembers). Throws 410 Gone (reason Expired) when that version has been compacted away.
   */
  watch(
    resource: string | undefined,
    fromResourceVersion: string | undefined,
    fn: (e: WatchEvent) => void,
  ): () => void {
    if (fromResourceVersion !== undefined && fromResourceVersion !== '' && fromResourceVersion !== '0') {
      const past = this.store.changesSince(Number(fromResourceVersion));
      if (past === 'expired') {
        throw new StatusError(
          410,
          'Expired',
          `too old resource version: ${fromResourceVersion} (${this.store.resourceVersion})`,
        );
      }
      for (const e of past) if (!resource || e.resource === resource) fn(e);
    }
    return this.store.subscribe(fn, resource);
  }

  // ---------------------------------------------------------------- writes

  create(input: KObject, opts: WriteOptions = {}): StoredObject {
    const rt = this.typeOf(input);
    const resource = resourceId(rt);
    const obj = input as StoredObject;
    obj.metadata ??= {} as StoredObject['metadata'];
    const user = opts.user ?? ADMIN;
    const check = !opts.internal || this.validateInternal;

    if (check) {
      const decodeError = schema.decodeStrict(rt, obj);
      if (decodeError) throw decodeError;
    }

    if (!rt.namespaced) delete obj.metadata.namespace;
    else {
      obj.metadata.namespace ||= 'default';
      this.checkNamespaceAcceptsContent(obj.metadata.namespace, rt);
    }
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = obj.metadata.generateName + this.rng.string(5, NAME_ALPHABET);
    }
    if (!obj.metadata.name) {
      throw invalid(rt.kind, rt.group, '', [
        {
          type: 'Required value',
          field: 'metadata.name',
          message: 'metadata.name: Required value: name or generateName is required',
        },
      ]);
    }

    schema.applyDefaults(rt, obj);
    rt.strategy.defaults?.(obj);
    // One request for every plugin (none replaces its fields; they change `object` in place).
    const admission: AdmissionRequest = { operation: 'CREATE', resource: rt, object: obj, user };
    for (const p of this.mutating) p(admission);

    delete obj.metadata.deletionTimestamp;
    delete obj.metadata.deletionGracePeriodSeconds;
    obj.metadata.uid = this.rng.uuid();
    obj.metadata.creationTimestamp = this.clock.nowISO();
    if (rt.strategy.generation) obj.metadata.generation = 1;
    else delete obj.metadata.generation;
    rt.strategy.prepareForCreate?.(obj);
    // prepareForCreate may replace metadata (e.g. a Job's generated labels): read it afresh.
    const meta = obj.metadata;

    if (check) this.validateOrThrow(rt, obj);
    for (const p of this.validating) p(admission);

    if (this.store.get(resource, meta.namespace, meta.name)) {
      throw alreadyExists(qualifiedResource(rt.plural, rt.group), meta.name);
    }
    if (opts.dryRun) return obj;
    meta.resourceVersion = this.store.nextResourceVersion();
    this.store.put(resource, obj);
    return obj;
  }

  /** Replace an object's spec and metadata (status is kept when status is a subresource). */
  update(input: KObject, opts: WriteOptions = {}): StoredObject {
    return this.write(input, 'main', opts);
  }

  /** Write only `status` (the /status subresource), as controllers and kubelets do. */
  updateStatus(input: KObject, opts: WriteOptions = {}): StoredObject {
    return this.write(input, 'status', opts);
  }

  patch(
    resource: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: 'status' } = {},
  ): StoredObject {
    const current = this.get(resource, namespace, name);
    let patched: KObject;
    try {
      patched = applyPatch(current, type, patch, this.typeOf(current));
    } catch (err) {
      if (err instanceof StatusError) throw err;
      throw badRequest((err as Error).message);
    }
    // A patch never changes identity; the resourceVersion precondition only applies when the patch sets one.
    patched.metadata = {
      ...patched.metadata,
      name: current.metadata.name,
      namespace: current.metadata.namespace,
    };
    if (!(patch as KObject)?.metadata?.resourceVersion)
      patched.metadata.resourceVersion = current.metadata.resourceVersion;
    return this.write(patched, opts.subresource === 'status' ? 'status' : 'main', opts);
  }

  /**
   * The pods/binding subresource the scheduler posts: spec.nodeName and the PodScheduled condition in one
   * write, as the registry's assignPod does (straight to storage: no pod update validation, which would
   * refuse a nodeName change), with its Conflict errors for a pod that is terminating, already bound or
   * still gated.
   */
  bind(
    namespace: string,
    name: string,
    nodeName: string,
    opts: WriteOptions & { annotations?: Record<string, string> } = {},
  ): StoredObject {
    const current = this.get('pods', namespace, name);
    if (!nodeName) {
      throw invalid('Binding', '', name, [
        { type: 'Required value', field: 'target.name', message: 'target.name: Required value' },
      ]);
    }
    const spec = current.spec ?? {};
    let why: string | undefined;
    if (current.metadata.deletionTimestamp)
      why = `pod ${name} is being deleted, cannot be assigned to a host`;
    else if (spec.nodeName) why = `pod ${name} is already assigned to node "${spec.nodeName}"`;
    else if (spec.schedulingGates?.length) why = `pod ${name} has non-empty .spec.schedulingGates`;
    if (why) throw conflict('pods/binding', name, why);

    // podutil.UpdatePodCondition: replaced in place, its transition time kept when the status stays True.
    const conditions: { type: string; status: string; lastTransitionTime?: string }[] =
      current.status?.conditions ?? [];
    const at = conditions.findIndex((c) => c.type === 'PodScheduled');
    const scheduled = {
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime:
        at >= 0 && conditions[at].status === 'True' ? conditions[at].lastTransitionTime : this.clock.nowISO(),
    };
    const nextConditions =
      at >= 0 ? conditions.map((c, i) => (i === at ? scheduled : c)) : [...conditions, scheduled];
    const metadata = { ...current.metadata };
    if (opts.annotations && Object.keys(opts.annotations).length > 0)
      metadata.annotations = { ...metadata.annotations, ...opts.annotations };
    const pod: StoredObject = {
      ...current,
      metadata,
      spec: { ...spec, nodeName },
      status: { phase: 'Pending', ...current.status, conditions: nextConditions },
    };
    if (opts.dryRun) return pod;
    metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put('pods', pod);
    return pod;
  }

  delete(
    resource: string,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): StoredObject {
    const rt = this.type(resource);
    const current = this.get(resource, namespace, name);
    const user = opts.user ?? ADMIN;
    const admission: AdmissionRequest = {
      operation: 'DELETE',
      resource: rt,
      object: current,
      old: current,
      user,
    };
    for (const p of this.validating) p(admission);
    if (opts.dryRun) return current;

    const plan = planDeletion({
      resource,
      rt,
      current,
      opts,
      hasDependents: this.dependents(current.metadata.uid).length > 0,
      nowISO: this.clock.nowISO(),
    });
    if (plan.action === 'remove') return this.remove(resource, current);
    if (plan.action === 'put') return this.put(resource, plan.object);
    return current;
  }

  // ---------------------------------------------------------------- internals

  private write(input: KObject, part: 'main' | 'status', opts: WriteOptions): StoredObject {
    const rt = this.typeOf(input);
    const resource = resourceId(rt);
    const meta = input.metadata ?? {};
    const name = meta.name;
    if (!name) throw badRequest('resource name may not be empty');
    const old = this.store.get(resource, rt.namespaced ? meta.namespace || 'default' : undefined, name);
    if (!old) throw notFound(qualifiedResource(rt.plural, rt.group), name);
    if (meta.resourceVersion && meta.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(
        qualifiedResource(rt.plural, rt.group),
        name,
        'the object has been modified; please apply your changes to the latest version and try again',
      );
    }
    const user = opts.user ?? ADMIN;
    const check = !opts.internal || this.validateInternal;
    if (part === 'main' && check) {
      const decodeError = schema.decodeStrict(rt, input);
      if (decodeError) throw decodeError;
    }

    // Identity and server-owned fields never change through an update. (Keys are only deleted when present:
    // deleting a property turns a V8 object into a slow dictionary, and stored objects are read a lot.)
    // A status write keeps the stored metadata as it is (a copy: the resourceVersion changes below).
    const metadata = { ...(part === 'status' ? old.metadata : meta) } as StoredObject['metadata'];
    if (part === 'main') {
      metadata.name = old.metadata.name;
      if (rt.namespaced) metadata.namespace = old.metadata.namespace;
      else if ('namespace' in metadata) delete metadata.namespace;
      metadata.uid = old.metadata.uid;
      metadata.creationTimestamp = old.metadata.creationTimestamp;
      metadata.resourceVersion = old.metadata.resourceVersion;
      if (old.metadata.deletionTimestamp) {
        metadata.deletionTimestamp = old.metadata.deletionTimestamp;
        metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      } else {
        if ('deletionTimestamp' in metadata) delete metadata.deletionTimestamp;
        if ('deletionGracePeriodSeconds' in metadata) delete metadata.deletionGracePeriodSeconds;
      }
    }

    let obj: StoredObject;
    if (part === 'status') {
      // Only status changes through /status; everything else is the stored object's.
      obj = { ...old, metadata, status: input.status };
      if (input.status === undefined) delete obj.status;
    } else {
      obj = input as StoredObject;
      obj.metadata = metadata;
      schema.applyDefaults(rt, obj);
      rt.strategy.defaults?.(obj);
      if (rt.strategy.statusSubresource) obj.status = old.status;
      const mutation: AdmissionRequest = { operation: 'UPDATE', resource: rt, object: obj, old, user };
      for (const p of this.mutating) p(mutation);
      if (rt.strategy.generation) {
        obj.metadata.generation = old.metadata.generation ?? 1;
        if (!specEqual(obj, old)) obj.metadata.generation += 1;
      }
    }
    if (!rt.strategy.generation && 'generation' in obj.metadata) delete obj.metadata.generation;

    if (check) this.validateOrThrow(rt, obj, old);
    if (this.validating.length) {
      const admission: AdmissionRequest = { operation: 'UPDATE', resource: rt, object: obj, old, user };
      for (const p of this.validating) p(admission);
    }

    // Once terminating with no finalizers left, the object goes: the last finalizer's removal deletes it
    // (a pod only once its grace period is over, i.e. when the kubelet has set it to 0), and a namespace
    // goes when the namespace controller has emptied spec.finalizers through /finalize.
    if (obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).length === 0) {
      const finalizersRemoved = (old.metadata.finalizers?.length ?? 0) > 0;
      const graceOver = resource !== 'pods' || (obj.metadata.deletionGracePeriodSeconds ?? 0) === 0;
      const namespaceFinalized =
        resource === 'namespaces' &&
        (obj.spec?.finalizers ?? []).length === 0 &&
        (old.spec?.finalizers ?? []).length > 0;
      if ((finalizersRemoved && graceOver && resource !== 'namespaces') || namespaceFinalized) {
        if (opts.dryRun) return obj;
        return this.remove(resource, old);
      }
    }
    if (!obj.metadata.finalizers?.length && 'finalizers' in obj.metadata) delete obj.metadata.finalizers;
    // A write that changes nothing is not a change: no new resourceVersion, no watch event. A status write
    // keeps everything else of the stored object (metadata included), so its status is all to compare.
    if (part === 'status' ? deepEqual(obj.status, old.status) : deepEqual(obj, old)) return old;
    if (opts.dryRun) return obj;
    obj.metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(resource, obj);
    return obj;
  }

  private validateOrThrow(rt: ResourceType, obj: StoredObject, old?: StoredObject): void {
    const causes = [...schema.validate(rt, obj, old), ...(rt.strategy.validate?.(obj, old) ?? [])];
    if (causes.length > 0) throw invalid(rt.kind, rt.group, obj.metadata.name, causes);
  }

  private put(resource: string, obj: StoredObject): StoredObject {
    const next = { ...obj, metadata: { ...obj.metadata, resourceVersion: this.store.nextResourceVersion() } };
    this.store.put(resource, next);
    return next;
  }

  private remove(resource: string, obj: StoredObject): StoredObject {
    return this.store.remove(resource, obj)?.object ?? obj;
  }

  private checkNamespaceAcceptsContent(namespace: string, rt: ResourceType): void {
    const ns = this.store.get('namespaces', undefined, namespace);
    if (!ns) throw notFound('namespaces', namespace);
    if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') {
      throw forbidden(
        `${rt.plural}${rt.group ? `.${rt.group}` : ''} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
      );
    }
  }
}
