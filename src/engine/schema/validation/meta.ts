/** ValidateObjectMeta: the name rule of each kind, labels, annotations, and label selectors. */
import type { KObject } from '../../api/types';
import { type Errs, invalidValue } from './field';
import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isPathSegmentName,
  isQualifiedName,
  isValidLabelValue,
} from './names';

export type NameRule = (name: string) => string[];

/** Kinds whose names are not DNS-1123 subdomains (resource id → rule). */
const NAME_RULES: Record<string, NameRule> = {
  namespaces: isDNS1123Label,
  services: isDNS1035Label,
  'roles.rbac.authorization.k8s.io': isPathSegmentName,
  'rolebindings.rbac.authorization.k8s.io': isPathSegmentName,
  'clusterroles.rbac.authorization.k8s.io': isPathSegmentName,
  'clusterrolebindings.rbac.authorization.k8s.io': isPathSegmentName,
  'horizontalpodautoscalers.autoscaling': isPathSegmentName,
};

export function nameRuleFor(resource: string, customResource: boolean): NameRule {
  return NAME_RULES[resource] ?? (customResource ? isPathSegmentName : isDNS1123Subdomain);
}

/** On an update (`old`) the name cannot have changed, and unchanged label/annotation maps were checked before. */
export function validateObjectMeta(obj: KObject, rule: NameRule, errs: Errs, old?: KObject): void {
  const meta = obj.metadata ?? {};
  if (!old) {
    if (meta.name) for (const m of rule(meta.name)) errs.push(invalidValue('metadata.name', meta.name, m));
    if (meta.generateName && !meta.name) {
      for (const m of rule(meta.generateName.replace(/-$/, 'a'))) {
        errs.push(invalidValue('metadata.generateName', meta.generateName, m));
      }
    }
  }
  if (meta.labels !== old?.metadata?.labels) validateLabels(meta.labels, 'metadata.labels', errs);
  if (meta.annotations !== old?.metadata?.annotations) {
    validateAnnotations(meta.annotations, 'metadata.annotations', errs);
  }
}

/** Label keys and values repeat across thousands of pods: remember which were fine. */
const goodKeys = new Set<string>();
const goodValues = new Set<string>();

export function validateLabels(labels: unknown, field: string, errs: Errs): void {
  if (!labels || typeof labels !== 'object') return;
  if (goodKeys.size > 10_000) goodKeys.clear();
  if (goodValues.size > 10_000) goodValues.clear();
  const l = labels as Record<string, unknown>;
  for (const k in l) {
    const v = l[k];
    if (!goodKeys.has(k)) {
      const msgs = isQualifiedName(k);
      for (const m of msgs) errs.push(invalidValue(field, k, m));
      if (msgs.length === 0) goodKeys.add(k);
    }
    if (typeof v === 'string' && !goodValues.has(v)) {
      const msgs = isValidLabelValue(v);
      for (const m of msgs) errs.push(invalidValue(field, v, m));
      if (msgs.length === 0) goodValues.add(v);
    }
  }
}

const TOTAL_ANNOTATION_SIZE = 256 * 1024;

export function validateAnnotations(annotations: unknown, field: string, errs: Errs): void {
  if (!annotations || typeof annotations !== 'object') return;
  let size = 0;
  for (const [k, v] of Object.entries(annotations as Record<string, unknown>)) {
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalidValue(field, k, m));
    size += k.length + String(v ?? '').length;
  }
  if (size > TOTAL_ANNOTATION_SIZE) {
    errs.push({
      type: 'Too long',
      field,
      message: `${field}: Too long: may not be more than ${TOTAL_ANNOTATION_SIZE} bytes`,
    });
  }
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** ValidateLabelSelector: matchLabels like labels, matchExpressions' operators and values. */
export function validateLabelSelector(sel: any, field: string, errs: Errs): void {
  if (!sel || typeof sel !== 'object') return;
  validateLabels(sel.matchLabels, `${field}.matchLabels`, errs);
  (sel.matchExpressions ?? []).forEach((e: any, i: number) => {
    const p = `${field}.matchExpressions[${i}]`;
    if (!SELECTOR_OPERATORS.includes(e.operator)) {
      errs.push(invalidValue(`${p}.operator`, e.operator ?? '', 'not a valid selector operator'));
    } else if ((e.operator === 'In' || e.operator === 'NotIn') && !(e.values?.length > 0)) {
      errs.push({
        type: 'Required value',
        field: `${p}.values`,
        message: `${p}.values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'`,
      });
    } else if ((e.operator === 'Exists' || e.operator === 'DoesNotExist') && e.values?.length > 0) {
      errs.push({
        type: 'Forbidden',
        field: `${p}.values`,
        message: `${p}.values: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'`,
      });
    }
    for (const m of isQualifiedName(String(e.key ?? ''))) errs.push(invalidValue(`${p}.key`, e.key ?? '', m));
  });
}

/** Go's %#v of a metav1.LabelSelector, as immutable-selector errors print it. */
export function formatLabelSelector(sel: any): string {
  const ml = sel?.matchLabels;
  const labels =
    ml && typeof ml === 'object'
      ? `map[string]string{${Object.keys(ml)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${JSON.stringify(ml[k])}`)
          .join(', ')}}`
      : 'map[string]string(nil)';
  const exprs = sel?.matchExpressions?.length
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map(
          (e: any) =>
            `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? '')}, Operator:${JSON.stringify(e.operator ?? '')}, Values:${
              e.values
                ? `[]string{${e.values.map((v: string) => JSON.stringify(v)).join(', ')}}`
                : '[]string(nil)'
            }}`,
        )
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`;
}

/** Whether a selector (matchLabels + matchExpressions) matches a label set. */
export function selectorMatches(sel: any, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel?.matchExpressions ?? []) {
    const has = Object.hasOwn(l, e.key);
    const vals: string[] = e.values ?? [];
    if (e.operator === 'In' && !(has && vals.includes(l[e.key]))) return false;
    if (e.operator === 'NotIn' && has && vals.includes(l[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export function selectorEmpty(sel: any): boolean {
  return Object.keys(sel?.matchLabels ?? {}).length === 0 && (sel?.matchExpressions ?? []).length === 0;
}
