import { describe, expect, it } from 'vitest';
import {
  backspace,
  complete,
  displayWidth,
  emptyLine,
  historyNext,
  historyPrev,
  insert,
  killWord,
  moveCursor,
  redraw,
} from './line-editor';

describe('line editing', () => {
  it('inserts and deletes at the cursor', () => {
    let s = insert(emptyLine(0), 'kubectl get pod');
    s = moveCursor(s, 11);
    s = insert(s, 'po ');
    expect(s.buffer).toBe('kubectl getpo  pod');
    s = backspace(moveCursor(s, 14));
    expect(s.buffer).toBe('kubectl getpo pod');
    expect(killWord(moveCursor(s, s.buffer.length)).buffer).toBe('kubectl getpo ');
  });

  it('browses history and brings back the draft', () => {
    const history = ['kubectl get nodes', 'kubectl get pods'];
    let s = insert(emptyLine(2), 'kub');
    s = historyPrev(s, history);
    expect(s.buffer).toBe('kubectl get pods');
    s = historyPrev(s, history);
    expect(s.buffer).toBe('kubectl get nodes');
    s = historyPrev(s, history);
    expect(s.buffer).toBe('kubectl get nodes');
    s = historyNext(historyNext(s, history), history);
    expect(s.buffer).toBe('kub');
  });

  it('completes a single candidate with a space and several to their common prefix', () => {
    const s = insert(emptyLine(0), 'kubectl get depl');
    expect(complete(s, ['deployments']).state.buffer).toBe('kubectl get deployments ');
    const t = insert(emptyLine(0), 'kubectl get po');
    expect(complete(t, ['poddisruptionbudgets', 'pods']).state.buffer).toBe('kubectl get pod');
    const r = complete(insert(emptyLine(0), 'kubectl get pod'), ['poddisruptionbudgets', 'pods']);
    expect(r.list).toEqual(['poddisruptionbudgets', 'pods']);
  });

  it('redraws a wrapped line from its first row and puts the cursor back', () => {
    const s = moveCursor(insert(emptyLine(0), 'abcdefghij'), 3);
    // Prompt "$ " (2) + 10 chars on 8 columns: rows 0-1; cursor at column 5 of row 0.
    const r = redraw('$ ', s, 8, 1);
    expect(r.text).toBe('\r\x1b[1A\x1b[J$ abcdefghij\x1b[1A\r\x1b[5C');
    expect(r.cursorRow).toBe(0);
    expect(displayWidth('\x1b[1;32mok\x1b[0m 日本')).toBe(7);
  });
});
