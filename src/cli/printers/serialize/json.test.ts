import { describe, expect, it } from 'vitest';
import { toGoJson } from './json';

describe('toGoJson (kubectl -o json)', () => {
  it('indents with four spaces and sorts keys', () => {
    expect(
      toGoJson({
        kind: 'ConfigMap',
        apiVersion: 'v1',
        data: { b: '2', a: '1' },
        list: [],
        empty: {},
        n: 3,
        t: true,
        z: null,
      }),
    ).toBe(
      '{\n    "apiVersion": "v1",\n    "data": {\n        "a": "1",\n        "b": "2"\n    },\n    "empty": {},\n    "kind": "ConfigMap",\n    "list": [],\n    "n": 3,\n    "t": true,\n    "z": null\n}',
    );
  });

  it('escapes HTML characters the way Go does', () => {
    expect(toGoJson({ m: 'a<b>&c "q"\n' }, '')).toBe('{"m":"a\\u003cb\\u003e\\u0026c \\"q\\"\\n"}');
  });
});
