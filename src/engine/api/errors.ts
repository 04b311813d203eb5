/**
 * API errors as the API server returns them (a metav1.Status), so that kubectl's wording can be printed
 * as it is: `Error from server (NotFound): deployments.apps "web" not found`.
 */

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'Gone'
  | 'InternalError'
  | 'Expired';

export interface FieldError {
  /** `Required value`, `Invalid value`, `Unsupported value`, `Forbidden`, `Duplicate value`, `Too long`... */
  type: string;
  /** The field path, e.g. `spec.template.metadata.labels`. */
  field: string;
  /** The complete message for this cause, e.g. `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
  message: string;
}

export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly causes: FieldError[] = [],
  ) {
    super(message);
  }

  /** `Error from server (NotFound): ...` as kubectl prints a server error. */
  toKubectl(): string {
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

/** `deployments.apps` for a grouped resource, `pods` for the core group. */
export function qualifiedResource(plural: string, group: string): string {
  return group ? `${plural}.${group}` : plural;
}

export const notFound = (resource: string, name: string) =>
  new StatusError(404, 'NotFound', `${resource} "${name}" not found`);

export const alreadyExists = (resource: string, name: string) =>
  new StatusError(409, 'AlreadyExists', `${resource} "${name}" already exists`);

export const conflict = (resource: string, name: string, why: string) =>
  new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": ${why}`);

export const badRequest = (message: string) => new StatusError(400, 'BadRequest', message);

export const forbidden = (message: string) => new StatusError(403, 'Forbidden', message);

/**
 * `Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0`;
 * with several causes the API server joins them as `[a, b]`.
 */
export function invalid(kind: string, group: string, name: string, causes: FieldError[]): StatusError {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const detail = causes.length === 1 ? causes[0].message : `[${causes.map((c) => c.message).join(', ')}]`;
  return new StatusError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${detail}`, causes);
}

export function fieldError(type: string, field: string, detail?: string, value?: unknown): FieldError {
  let message = `${field}: ${type}`;
  if (type === 'Invalid value' || type === 'Unsupported value' || type === 'Duplicate value') {
    message += `: ${formatValue(value)}`;
  }
  if (detail) message += `: ${detail}`;
  return { type, field, message };
}

/** Values in field errors print as Go's %#v-like form the API server uses: strings quoted, maps as map[...] */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;
  }
  if (Array.isArray(value)) return `[]string{${value.map((v) => JSON.stringify(v)).join(', ')}}`;
  return String(value);
}
