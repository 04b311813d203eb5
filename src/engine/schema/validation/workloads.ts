/**
 * Kind rules of apps/v1 and batch/v1 (pkg/apis/apps/validation, pkg/apis/batch/validation): selectors that
 * must match their template, replicas, strategies, and the fields that may not change on update.
 */
import { deepEqual } from '../../util/objects';
import {
  type Errs,
  enumCheck,
  forbidden,
  invalidValue,
  labelsValue,
  nonNegative,
  notSupported,
  rawInvalid,
  required,
} from './field';
import {
  formatLabelSelector,
  selectorEmpty,
  selectorMatches,
  validateLabelSelector,
  validateLabels,
} from './meta';
import { validatePodSpec } from './pod';

/** Spec with a selector and a pod template: Deployment, ReplicaSet, StatefulSet, DaemonSet. */
function validateSelectorAndTemplate(spec: any, errs: Errs, kind: string, claimVolumes: string[] = []): void {
  const sel = spec.selector;
  if (!sel) errs.push(required('spec.selector'));
  else {
    validateLabelSelector(sel, 'spec.selector', errs);
    if (selectorEmpty(sel))
      errs.push(
        rawInvalid('spec.selector', formatLabelSelector(sel), `empty selector is invalid for ${kind}`),
      );
  }
  const tpl = spec.template ?? {};
  validateLabels(tpl.metadata?.labels, 'spec.template.metadata.labels', errs);
  if (sel && !selectorEmpty(sel) && !selectorMatches(sel, tpl.metadata?.labels)) {
    errs.push(
      invalidValue(
        'spec.template.metadata.labels',
        labelsValue(tpl.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  validatePodSpec(tpl.spec ?? {}, 'spec.template.spec', errs, claimVolumes);
}

function restartAlwaysOnly(spec: any, errs: Errs): void {
  const rp = spec.template?.spec?.restartPolicy;
  if (rp !== undefined && rp !== 'Always')
    errs.push(notSupported('spec.template.spec.restartPolicy', rp, ['Always']));
}

function replicas(spec: any, errs: Errs): void {
  nonNegative(errs, 'spec.replicas', spec.replicas);
  nonNegative(errs, 'spec.minReadySeconds', spec.minReadySeconds);
  nonNegative(errs, 'spec.revisionHistoryLimit', spec.revisionHistoryLimit);
}

function immutableSelector(obj: any, old: any, errs: Errs): void {
  if (old && !deepEqual(obj.spec?.selector, old.spec?.selector)) {
    errs.push(rawInvalid('spec.selector', formatLabelSelector(obj.spec?.selector), 'field is immutable'));
  }
}

function percentOrInt(v: unknown, field: string, errs: Errs): number | undefined {
  if (typeof v === 'number') {
    nonNegative(errs, field, v);
    return v;
  }
  if (typeof v === 'string') {
    const m = /^([0-9]+)%$/.exec(v);
    if (!m) {
      errs.push(
        invalidValue(
          field,
          v,
          "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        ),
      );
      return undefined;
    }
    const n = Number(m[1]);
    if (n > 100) errs.push(invalidValue(field, v, 'must not be greater than 100%'));
    return n;
  }
  return undefined;
}

function deployment(obj: any, old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  replicas(spec, errs);
  validateSelectorAndTemplate(spec, errs, 'deployment');
  restartAlwaysOnly(spec, errs);
  const st = spec.strategy ?? {};
  enumCheck(errs, 'spec.strategy.type', st.type, ['Recreate', 'RollingUpdate']);
  if (st.type === 'Recreate' && st.rollingUpdate) {
    errs.push(
      forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"),
    );
  }
  if (st.type === 'RollingUpdate' && st.rollingUpdate) {
    const surge = percentOrInt(st.rollingUpdate.maxSurge, 'spec.strategy.rollingUpdate.maxSurge', errs);
    const unavailable = percentOrInt(
      st.rollingUpdate.maxUnavailable,
      'spec.strategy.rollingUpdate.maxUnavailable',
      errs,
    );
    if (surge === 0 && unavailable === 0) {
      errs.push(
        invalidValue(
          'spec.strategy.rollingUpdate.maxUnavailable',
          st.rollingUpdate.maxUnavailable,
          'may not be 0 when `maxSurge` is 0',
        ),
      );
    }
  }
  if (typeof spec.progressDeadlineSeconds === 'number') {
    nonNegative(errs, 'spec.progressDeadlineSeconds', spec.progressDeadlineSeconds);
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(
        invalidValue(
          'spec.progressDeadlineSeconds',
          spec.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
    }
  }
  immutableSelector(obj, old, errs);
}

function replicaSet(obj: any, old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  replicas(spec, errs);
  validateSelectorAndTemplate(spec, errs, 'replicaset');
  restartAlwaysOnly(spec, errs);
  immutableSelector(obj, old, errs);
}

const STS_MUTABLE = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

function statefulSet(obj: any, old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  replicas(spec, errs);
  const claims = (spec.volumeClaimTemplates ?? []).map((t: any) => t?.metadata?.name).filter(Boolean);
  validateSelectorAndTemplate(spec, errs, 'statefulset', claims);
  restartAlwaysOnly(spec, errs);
  enumCheck(errs, 'spec.podManagementPolicy', spec.podManagementPolicy, ['OrderedReady', 'Parallel']);
  enumCheck(errs, 'spec.updateStrategy.type', spec.updateStrategy?.type, ['OnDelete', 'RollingUpdate']);
  if (old) {
    const strip = (s: any) =>
      Object.fromEntries(Object.entries(s ?? {}).filter(([k]) => !STS_MUTABLE.includes(k)));
    if (!deepEqual(strip(spec), strip(old.spec))) {
      errs.push(
        forbidden(
          'spec',
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
  }
}

function daemonSet(obj: any, old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  nonNegative(errs, 'spec.minReadySeconds', spec.minReadySeconds);
  validateSelectorAndTemplate(spec, errs, 'daemonset');
  restartAlwaysOnly(spec, errs);
  enumCheck(errs, 'spec.updateStrategy.type', spec.updateStrategy?.type, ['OnDelete', 'RollingUpdate']);
  immutableSelector(obj, old, errs);
}

function jobSpec(spec: any, path: string, errs: Errs, generatedSelector: boolean): void {
  nonNegative(errs, `${path}.parallelism`, spec.parallelism);
  nonNegative(errs, `${path}.completions`, spec.completions);
  nonNegative(errs, `${path}.backoffLimit`, spec.backoffLimit);
  if (typeof spec.activeDeadlineSeconds === 'number' && spec.activeDeadlineSeconds <= 0) {
    errs.push(
      invalidValue(
        `${path}.activeDeadlineSeconds`,
        spec.activeDeadlineSeconds,
        'must be greater than or equal to 0',
      ),
    );
  }
  enumCheck(errs, `${path}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']);
  if (generatedSelector && spec.selector) {
    validateLabelSelector(spec.selector, `${path}.selector`, errs);
    const labels = spec.template?.metadata?.labels;
    if (!selectorMatches(spec.selector, labels)) {
      errs.push(
        invalidValue(
          `${path}.template.metadata.labels`,
          labelsValue(labels),
          '`selector` does not match template `labels`',
        ),
      );
    }
  }
  validatePodSpec(spec.template?.spec ?? {}, `${path}.template.spec`, errs);
  const rp = spec.template?.spec?.restartPolicy;
  if (rp !== 'OnFailure' && rp !== 'Never') {
    errs.push(notSupported(`${path}.template.spec.restartPolicy`, rp ?? '', ['OnFailure', 'Never']));
  }
}

function job(obj: any, old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  jobSpec(spec, 'spec', errs, true);
  if (old) {
    immutableSelector(obj, old, errs);
    if (!deepEqual(spec.template, old.spec?.template) && !old.spec?.suspend) {
      errs.push(rawInvalid('spec.template', 'core.PodTemplateSpec{...}', 'field is immutable'));
    }
    if (spec.completionMode !== 'Indexed' && spec.completions !== old.spec?.completions) {
      errs.push(invalidValue('spec.completions', spec.completions, 'field is immutable'));
    }
  }
}

function cronJob(obj: any, _old: any, errs: Errs): void {
  const spec = obj.spec ?? {};
  const name: string = obj.metadata?.name ?? '';
  if (name.length > 52) errs.push(invalidValue('metadata.name', name, 'must be no more than 52 characters'));
  if (!spec.schedule) errs.push(required('spec.schedule'));
  else {
    const fields = String(spec.schedule).trim().split(/\s+/);
    if (!spec.schedule.startsWith('@') && fields.length !== 5) {
      errs.push(
        invalidValue(
          'spec.schedule',
          spec.schedule,
          `expected exactly 5 fields, found ${fields.length}: ${spec.schedule}`,
        ),
      );
    }
  }
  enumCheck(errs, 'spec.concurrencyPolicy', spec.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']);
  nonNegative(errs, 'spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit);
  nonNegative(errs, 'spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit);
  nonNegative(errs, 'spec.startingDeadlineSeconds', spec.startingDeadlineSeconds);
  jobSpec(spec.jobTemplate?.spec ?? {}, 'spec.jobTemplate.spec', errs, false);
}

export const WORKLOAD_RULES: Record<string, (obj: any, old: any, errs: Errs) => void> = {
  'deployments.apps': deployment,
  'replicasets.apps': replicaSet,
  'statefulsets.apps': statefulSet,
  'daemonsets.apps': daemonSet,
  'jobs.batch': job,
  'cronjobs.batch': cronJob,
};
