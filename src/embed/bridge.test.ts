import { describe, expect, it } from 'vitest';
import { createBridge } from './bridge';

function setup(origins: string[], framed = true) {
  const posted: { message: unknown; origin: string }[] = [];
  const parent = { postMessage: (message: unknown, origin: string) => posted.push({ message, origin }) };
  let handler: ((e: MessageEvent) => void) | undefined;
  const self = {
    addEventListener: (_t: 'message', fn: (e: MessageEvent) => void) => {
      handler = fn;
    },
    removeEventListener: () => {
      handler = undefined;
    },
  };
  const loads: [string, number][] = [];
  const bridge = createBridge({
    parent: framed ? parent : null,
    self,
    origins,
    onLoad: (l, s) => loads.push([l, s]),
  });
  const receive = (data: unknown, origin: string, source: unknown = parent) =>
    handler?.({ data, origin, source } as MessageEvent);
  return { bridge, posted, loads, receive, parent, hasHandler: () => !!handler };
}

describe('embed bridge', () => {
  it('posts step and lesson completion to each allowed origin only', () => {
    const t = setup(['https://a.example', 'https://b.example']);
    t.bridge.post('step-completed', 'deployments', 2);
    t.bridge.post('lesson-completed', 'deployments', 5);
    expect(t.posted).toEqual([
      {
        message: { source: 'kubedojo', type: 'step-completed', lesson: 'deployments', step: 2 },
        origin: 'https://a.example',
      },
      {
        message: { source: 'kubedojo', type: 'step-completed', lesson: 'deployments', step: 2 },
        origin: 'https://b.example',
      },
      {
        message: { source: 'kubedojo', type: 'lesson-completed', lesson: 'deployments', step: 5 },
        origin: 'https://a.example',
      },
      {
        message: { source: 'kubedojo', type: 'lesson-completed', lesson: 'deployments', step: 5 },
        origin: 'https://b.example',
      },
    ]);
  });

  it('posts nothing without an allow-list or a parent', () => {
    const none = setup([]);
    none.bridge.post('step-completed', 'pods', 1);
    expect(none.posted).toEqual([]);
    const unframed = setup(['https://a.example'], false);
    unframed.bridge.post('step-completed', 'pods', 1);
    expect(unframed.posted).toEqual([]);
  });

  it('accepts load requests from the parent at an allowed origin', () => {
    const t = setup(['https://a.example']);
    t.receive({ type: 'load', lesson: 'services', step: 3 }, 'https://a.example');
    t.receive({ type: 'load', lesson: 'pods' }, 'https://a.example');
    expect(t.loads).toEqual([
      ['services', 3],
      ['pods', 1],
    ]);
  });

  it('ignores other origins, other windows and malformed requests', () => {
    const t = setup(['https://a.example']);
    t.receive({ type: 'load', lesson: 'services', step: 3 }, 'https://evil.example');
    t.receive({ type: 'load', lesson: 'services', step: 3 }, 'https://a.example', {});
    t.receive({ type: 'reset' }, 'https://a.example');
    t.receive({ type: 'load', lesson: 7 }, 'https://a.example');
    t.receive({ type: 'load', lesson: 'pods', step: 0 }, 'https://a.example');
    t.receive('load pods', 'https://a.example');
    t.receive(null, 'https://a.example');
    expect(t.loads).toEqual([]);
    t.bridge.dispose();
    expect(t.hasHandler()).toBe(false);
  });
});
