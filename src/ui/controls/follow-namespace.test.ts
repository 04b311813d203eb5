import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import type { ClockState } from '../../protocol/messages';
import { followShellNamespace } from './follow-namespace';

type Lab = Parameters<typeof followShellNamespace>[0];
type Ui = Parameters<typeof followShellNamespace>[1];

describe('the namespace filter follows the terminal', () => {
  it('switches when the terminal changes namespace, and leaves a later choice alone', () => {
    const lab = create(() => ({ connected: true, clock: { namespace: 'default' } as ClockState }));
    const ui = create(() => ({ namespace: 'default' }));
    followShellNamespace(lab as unknown as Lab, ui as unknown as Ui);
    lab.setState({ clock: { namespace: 'demo' } as ClockState });
    expect(ui.getState().namespace).toBe('demo');
    ui.setState({ namespace: '' });
    // Other clock changes (time passing) do not touch the filter.
    lab.setState({ clock: { namespace: 'demo', nowMs: 5 } as ClockState });
    expect(ui.getState().namespace).toBe('');
    lab.setState({ clock: { namespace: 'default' } as ClockState });
    expect(ui.getState().namespace).toBe('default');
  });
});
