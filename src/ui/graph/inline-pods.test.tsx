// @vitest-environment jsdom
/**
 * Pods drawn inside their machine (large clusters): labelled buttons when zoomed in, tiles (icon only)
 * below LABEL_ZOOM, with the same accessible name and testing contract either way.
 */
import { ReactFlowProvider, useStoreApi } from '@xyflow/react';
import { act, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectView } from '../../protocol/views';
import { initI18n, setLanguage } from '../i18n';
import { applyMessage } from '../lab/store';
import { InlinePods, LABEL_ZOOM } from './nodes';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const pod = (name: string, status: string): ObjectView => ({
  uid: `uid-${name}`,
  kind: 'Pod',
  name,
  namespace: 'default',
  status,
  ready: status === 'Running' ? '1/1' : '0/1',
  podReady: status === 'Running',
  restarts: 0,
  labels: {},
  nodeName: 'node-1',
});

function Zoom({ zoom }: { zoom: number }) {
  const store = useStoreApi();
  useEffect(() => store.setState({ transform: [0, 0, zoom] }), [store, zoom]);
  return null;
}

let root: Root | undefined;
let host: HTMLElement;

function render(zoom: number): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() =>
    root?.render(
      <ReactFlowProvider>
        <Zoom zoom={zoom} />
        <InlinePods
          pods={[
            { uid: 'uid-web-a', x: 8, y: 40 },
            { uid: 'uid-web-b', x: 172, y: 40 },
          ]}
        />
      </ReactFlowProvider>,
    ),
  );
  return host;
}

describe('InlinePods', () => {
  beforeAll(() => {
    initI18n();
    setLanguage('en');
    applyMessage({
      type: 'snapshot',
      seq: 1,
      objects: [pod('web-a', 'Running'), pod('web-b', 'CrashLoopBackOff')],
      clock: {
        nowMs: 0,
        nowISO: '2025-01-15T09:00:00Z',
        paused: false,
        speed: 1,
        seed: 1,
        profile: 'kubernetes',
        namespace: 'default',
      },
      traffic: [],
      serviceTraffic: [],
    });
  });

  afterEach(() => {
    act(() => root?.unmount());
    host.remove();
  });

  it('shows name, status and READY when zoomed in enough to read them', () => {
    const el = render(1);
    const buttons = [...el.querySelectorAll('button[data-testid="graph-node"]')];
    expect(buttons.map((b) => b.getAttribute('data-name'))).toEqual(['web-a', 'web-b']);
    expect(buttons[0].classList.contains('tile')).toBe(false);
    expect(buttons[0].querySelector('.gnode-name')?.textContent).toBe('web-a');
    expect(buttons[1].querySelector('.gnode-status')?.textContent).toBe('CrashLoopBackOff');
  });

  it('draws tiles below LABEL_ZOOM: icon only, same name, status and testing contract', () => {
    const el = render(LABEL_ZOOM / 2);
    const buttons = [...el.querySelectorAll('button[data-testid="graph-node"]')];
    expect(buttons).toHaveLength(2);
    for (const b of buttons) {
      expect(b.classList.contains('tile')).toBe(true);
      expect(b.querySelector('.gnode-text')).toBeNull();
      expect(b.querySelector('.gnode-icon')?.textContent).not.toBe('');
    }
    expect(buttons[1].getAttribute('data-status')).toBe('CrashLoopBackOff');
    expect(buttons[1].getAttribute('data-kind')).toBe('Pod');
    expect(buttons[1].getAttribute('aria-label')).toContain('web-b');
    expect(buttons[1].getAttribute('aria-label')).toContain('CrashLoopBackOff');
  });
});
