/** field.ErrorList helpers with apimachinery's wording (`spec.replicas: Invalid value: -1: must be ...`). */
import { type FieldError, fieldError, formatValue } from '../../api/errors';

export type Errs = FieldError[];

export const required = (field: string, detail?: string): FieldError =>
  fieldError('Required value', field, detail);

export const invalidValue = (field: string, value: unknown, detail: string): FieldError =>
  fieldError('Invalid value', field, detail, value);

/** `Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`. */
export const notSupported = (field: string, value: unknown, supported: string[]): FieldError =>
  fieldError(
    'Unsupported value',
    field,
    `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
    value,
  );

export const duplicate = (field: string, value: unknown): FieldError =>
  fieldError('Duplicate value', field, undefined, value);

export const notFound = (field: string, value: unknown): FieldError => ({
  type: 'Not found',
  field,
  message: `${field}: Not found: ${formatValue(value)}`,
});

export const forbidden = (field: string, detail: string): FieldError =>
  fieldError('Forbidden', field, detail);

/** Go's %#v of a value that has no literal form we model (a nil map prints `map[string]string(nil)`). */
export function labelsValue(labels: unknown): unknown {
  return labels === undefined || labels === null ? RAW_NIL_MAP : labels;
}

const RAW_NIL_MAP = { toString: () => 'map[string]string(nil)' };

/** Values whose Go form cannot come from formatValue: pass them through as-is. */
export function rawInvalid(field: string, raw: string, detail: string): FieldError {
  return { type: 'Invalid value', field, message: `${field}: Invalid value: ${raw}: ${detail}` };
}

export function enumCheck(errs: Errs, field: string, value: unknown, supported: string[]): void {
  if (value === undefined || value === null) return;
  if (!supported.includes(value as string)) errs.push(notSupported(field, value, supported));
}

export function nonNegative(errs: Errs, field: string, value: unknown): void {
  if (typeof value === 'number' && value < 0)
    errs.push(invalidValue(field, value, 'must be greater than or equal to 0'));
}
