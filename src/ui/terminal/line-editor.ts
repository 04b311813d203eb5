/**
 * The terminal's line editing as plain data: the buffer, the cursor and history navigation, plus the
 * escape sequences that redraw the line. The xterm component only wires keys to these.
 */

export interface LineState {
  buffer: string;
  cursor: number;
  /** Position in history while browsing with up/down (history.length = the line being typed). */
  historyIndex: number;
  /** What was typed before browsing history started. */
  draft: string;
}

export const emptyLine = (historyLength: number): LineState => ({
  buffer: '',
  cursor: 0,
  historyIndex: historyLength,
  draft: '',
});

export function insert(s: LineState, text: string): LineState {
  return {
    ...s,
    buffer: s.buffer.slice(0, s.cursor) + text + s.buffer.slice(s.cursor),
    cursor: s.cursor + text.length,
  };
}

export function backspace(s: LineState): LineState {
  if (s.cursor === 0) return s;
  return { ...s, buffer: s.buffer.slice(0, s.cursor - 1) + s.buffer.slice(s.cursor), cursor: s.cursor - 1 };
}

export function deleteForward(s: LineState): LineState {
  if (s.cursor >= s.buffer.length) return s;
  return { ...s, buffer: s.buffer.slice(0, s.cursor) + s.buffer.slice(s.cursor + 1) };
}

export function moveCursor(s: LineState, to: number): LineState {
  return { ...s, cursor: Math.max(0, Math.min(s.buffer.length, to)) };
}

/** Ctrl-U: delete from the start of the line to the cursor. */
export function killToStart(s: LineState): LineState {
  return { ...s, buffer: s.buffer.slice(s.cursor), cursor: 0 };
}

/** Ctrl-W: delete the word before the cursor. */
export function killWord(s: LineState): LineState {
  const before = s.buffer.slice(0, s.cursor).replace(/\S+\s*$/, '');
  return { ...s, buffer: before + s.buffer.slice(s.cursor), cursor: before.length };
}

export function historyPrev(s: LineState, history: readonly string[]): LineState {
  if (s.historyIndex <= 0) return s;
  const draft = s.historyIndex === history.length ? s.buffer : s.draft;
  const buffer = history[s.historyIndex - 1];
  return { buffer, cursor: buffer.length, historyIndex: s.historyIndex - 1, draft };
}

export function historyNext(s: LineState, history: readonly string[]): LineState {
  if (s.historyIndex >= history.length) return s;
  const i = s.historyIndex + 1;
  const buffer = i === history.length ? s.draft : history[i];
  return { buffer, cursor: buffer.length, historyIndex: i, draft: s.draft };
}

/** The word the cursor is in (for tab completion): its start index and text up to the cursor. */
export function currentWord(s: LineState): { start: number; text: string } {
  const start = s.buffer.lastIndexOf(' ', s.cursor - 1) + 1;
  return { start, text: s.buffer.slice(start, s.cursor) };
}

export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/**
 * Apply completions to the line: one candidate replaces the word (plus a space unless it ends in '/' or
 * '='), several extend it to their common prefix. Returns the candidates to list when nothing could be
 * added.
 */
export function complete(s: LineState, candidates: readonly string[]): { state: LineState; list: string[] } {
  const { start, text } = currentWord(s);
  if (candidates.length === 0) return { state: s, list: [] };
  const rest = s.buffer.slice(s.cursor);
  if (candidates.length === 1) {
    const c = candidates[0];
    const word = /[/=]$/.test(c) ? c : `${c} `;
    const buffer = s.buffer.slice(0, start) + word + rest.replace(/^\S*\s?/, '');
    return { state: { ...s, buffer, cursor: start + word.length }, list: [] };
  }
  const prefix = commonPrefix(candidates);
  if (prefix.length > text.length && prefix.startsWith(text)) {
    const buffer = s.buffer.slice(0, start) + prefix + rest;
    return { state: { ...s, buffer, cursor: start + prefix.length }, list: [] };
  }
  return { state: s, list: [...candidates] };
}

/** Columns a string takes on screen, ignoring colour escapes (wide CJK characters count two). */
export function displayWidth(text: string): number {
  let w = 0;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes start with ESC.
  for (const ch of text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6)
        ? 2
        : 1;
  }
  return w;
}

/**
 * Escape sequence that redraws the prompt and line (which may wrap over several rows) and puts the
 * cursor where it belongs. `cursorRow` is the row, counted from the prompt's first row, where the
 * cursor was left by the previous redraw; the returned `cursorRow` is where this one leaves it.
 */
export function redraw(
  prompt: string,
  s: LineState,
  cols: number,
  cursorRow: number,
): { text: string; cursorRow: number } {
  const promptWidth = displayWidth(prompt);
  const total = promptWidth + displayWidth(s.buffer);
  let text = `\r${cursorRow > 0 ? `\x1b[${cursorRow}A` : ''}\x1b[J${prompt}${s.buffer}`;
  // At an exact multiple of the width the terminal holds the cursor in the last column; force the wrap.
  if (total > 0 && total % cols === 0) text += ' \r';
  const endRow = Math.floor(total / cols);
  const at = promptWidth + displayWidth(s.buffer.slice(0, s.cursor));
  const row = Math.floor(at / cols);
  const col = at % cols;
  if (endRow > row) text += `\x1b[${endRow - row}A`;
  text += `\r${col > 0 ? `\x1b[${col}C` : ''}`;
  return { text, cursorRow: row };
}
