/**
 * JSON Schema (draft-07) of `lessons/<id>/lesson.yaml`. Course authors get precise errors from it
 * (validate.ts maps each error to file, line and field). Keep it in step with types.ts.
 */

const localizedText = {
  type: 'object',
  required: ['en', 'ja'],
  additionalProperties: false,
  properties: { en: { type: 'string', minLength: 1 }, ja: { type: 'string', minLength: 1 } },
};

const localizedList = {
  type: 'object',
  required: ['en', 'ja'],
  additionalProperties: false,
  properties: {
    en: { type: 'array', items: { type: 'string', minLength: 1 } },
    ja: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
};

const scalar = { type: ['string', 'number', 'boolean', 'null'] };
const op = { enum: ['==', '!=', '>', '>=', '<', '<=', 'contains', 'matches', 'exists', 'absent'] };
const duration = { type: 'string', pattern: '^[0-9]+(ms|s|m)$' };
const dnsName = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 };
const kind = { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' };

const file = {
  type: 'object',
  required: ['path', 'content'],
  additionalProperties: false,
  properties: { path: { type: 'string', pattern: '^[A-Za-z0-9._/-]+$' }, content: { type: 'string' } },
};

/** Every check node may carry `within`; validate.ts rejects it below the top level. */
const within = { within: duration };

const CHECK_VARIANTS = [
  {
    title: 'object',
    type: 'object',
    required: ['kind', 'name', 'message'],
    additionalProperties: false,
    properties: {
      kind,
      name: { type: 'string' },
      namespace: dnsName,
      path: { type: 'string' },
      op,
      value: scalar,
      message: localizedText,
      ...within,
    },
  },
  {
    title: 'count',
    type: 'object',
    required: ['count', 'op', 'value', 'message'],
    additionalProperties: false,
    properties: {
      count: {
        type: 'object',
        required: ['kind'],
        additionalProperties: false,
        properties: {
          kind,
          namespace: { type: 'string', pattern: '^(\\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)$' },
          selector: { type: 'string' },
          where: {
            type: 'array',
            items: {
              type: 'object',
              required: ['path', 'op'],
              additionalProperties: false,
              properties: { path: { type: 'string', minLength: 1 }, op, value: scalar },
            },
          },
        },
      },
      op,
      value: { type: 'integer', minimum: 0 },
      message: localizedText,
      ...within,
    },
  },
  {
    title: 'command',
    type: 'object',
    required: ['command', 'message'],
    additionalProperties: false,
    properties: {
      command: { type: 'string', minLength: 1 },
      exitCode: { type: ['integer', 'string'], pattern: '^any$' },
      message: localizedText,
      ...within,
    },
  },
  {
    title: 'applied',
    type: 'object',
    required: ['applied', 'message'],
    additionalProperties: false,
    properties: { applied: { type: 'string', minLength: 1 }, message: localizedText, ...within },
  },
  {
    title: 'traffic',
    type: 'object',
    required: ['traffic', 'message'],
    additionalProperties: false,
    properties: {
      traffic: {
        type: 'object',
        additionalProperties: false,
        properties: {
          service: { type: 'string' },
          namespace: dnsName,
          minRequests: { type: 'integer', minimum: 1 },
          distinctPods: { type: 'integer', minimum: 1 },
        },
      },
      message: localizedText,
      ...within,
    },
  },
  {
    title: 'all',
    type: 'object',
    required: ['all'],
    additionalProperties: false,
    properties: {
      all: { type: 'array', minItems: 1, items: { $ref: '#' } },
      message: localizedText,
      ...within,
    },
  },
  {
    title: 'any',
    type: 'object',
    required: ['any', 'message'],
    additionalProperties: false,
    properties: {
      any: { type: 'array', minItems: 1, items: { $ref: '#' } },
      message: localizedText,
      ...within,
    },
  },
];

/** The key that tells a check variant apart; the object variant (kind + name) is the fallback. */
const DISCRIMINATORS: Record<string, string> = {
  all: 'all',
  any: 'any',
  count: 'count',
  command: 'command',
  applied: 'applied',
  traffic: 'traffic',
};

/**
 * An if/then/else chain on the discriminating key rather than `oneOf`, so a malformed check reports the
 * errors of the variant the author meant instead of one error per variant.
 */
function chain(variants: readonly Record<string, unknown>[]): Record<string, unknown> {
  const [first, ...rest] = variants;
  const key = DISCRIMINATORS[first.title as string];
  if (!key) return first;
  // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a promise.
  return { if: { type: 'object', required: [key] }, then: first, else: chain(rest) };
}

const objectVariant = CHECK_VARIANTS[0];

export const CHECK_NODE_SCHEMA = {
  $id: 'kubedojo:lesson-check',
  type: 'object',
  ...chain([...CHECK_VARIANTS.slice(1), objectVariant]),
};

export const LESSON_SCHEMA = {
  $id: 'kubedojo:lesson',
  type: 'object',
  required: ['id', 'order', 'title', 'summary', 'level', 'minutes', 'seed', 'steps'],
  additionalProperties: false,
  properties: {
    id: dnsName,
    order: { type: 'integer', minimum: 1 },
    module: { enum: ['fundamentals', 'health-checks', 'openshift', 'istio'] },
    title: localizedText,
    summary: localizedText,
    level: { enum: ['beginner', 'intermediate', 'advanced'] },
    minutes: { type: 'integer', minimum: 1, maximum: 120 },
    tags: { type: 'array', items: { type: 'string', minLength: 1 } },
    prerequisites: { type: 'array', items: dnsName },
    seed: { type: 'integer', minimum: 0 },
    setup: {
      type: 'object',
      additionalProperties: false,
      properties: {
        nodes: { type: 'integer', minimum: 1, maximum: 20 },
        profile: { enum: ['kubernetes', 'openshift'] },
        namespaces: { type: 'array', items: dnsName },
        manifests: { type: 'array', items: { type: 'string', minLength: 1 } },
        commands: { type: 'array', items: { type: 'string', minLength: 1 } },
        settle: duration,
      },
    },
    files: { type: 'array', items: file },
    steps: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['id', 'check', 'hints', 'solution'],
        additionalProperties: false,
        properties: {
          id: dnsName,
          check: { $ref: 'kubedojo:lesson-check' },
          hints: localizedList,
          solution: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: {
              files: { type: 'array', items: file },
              commands: { type: 'array', items: { type: 'string', minLength: 1 } },
            },
          },
        },
      },
    },
  },
} as const;
