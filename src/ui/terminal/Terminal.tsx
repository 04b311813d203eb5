/**
 * The xterm terminal running the lab's shell: prompt, line editing, history (persisted), tab completion,
 * Ctrl-C (interrupts streams such as `get -w` and `logs -f`), Ctrl-L, paste, colours.
 */
import { FitAddon } from '@xterm/addon-fit';
import { Terminal as XTerm } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import i18next from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { lab } from '../lab/client';
import { loadValue, saveValue } from '../persist/ui-db';
import { useUi } from '../ui-store';
import {
  backspace,
  complete,
  deleteForward,
  emptyLine,
  historyNext,
  historyPrev,
  insert,
  killToStart,
  killWord,
  type LineState,
  moveCursor,
  redraw,
} from './line-editor';

const PROMPT = '\x1b[1;32mlearner@kubedojo\x1b[0m:\x1b[1;34m~\x1b[0m$ ';
const HISTORY_KEY = 'terminal-history';
const HISTORY_MAX = 500;

// ANSI palettes with enough contrast on each background (WCAG AA), bright colours included.
const THEMES = {
  light: {
    background: '#fbfbfd',
    foreground: '#1d2330',
    cursor: '#1d2330',
    selectionBackground: '#b6d4fe',
    black: '#1d2330',
    red: '#b3261e',
    green: '#1b6e34',
    yellow: '#7a5000',
    blue: '#1f5fbf',
    magenta: '#7a3ea8',
    cyan: '#0b6464',
    white: '#4d5869',
    brightBlack: '#4d5869',
    brightRed: '#a1221b',
    brightGreen: '#17612e',
    brightYellow: '#6b4600',
    brightBlue: '#1a54a8',
    brightMagenta: '#6c3695',
    brightCyan: '#095757',
    brightWhite: '#1d2330',
  },
  dark: {
    background: '#11151c',
    foreground: '#e3e8ef',
    cursor: '#e3e8ef',
    selectionBackground: '#34507a',
    black: '#a9b4c2',
    red: '#ff8a80',
    green: '#6fdc8c',
    yellow: '#f6c453',
    blue: '#8ab4f8',
    magenta: '#d7a6ff',
    cyan: '#6ed6d6',
    white: '#e3e8ef',
    brightBlack: '#b7bfcc',
    brightRed: '#ffaba3',
    brightGreen: '#94e8aa',
    brightYellow: '#f9d57f',
    brightBlue: '#a9c7fa',
    brightMagenta: '#e2bfff',
    brightCyan: '#95e3e3',
    brightWhite: '#ffffff',
  },
};

/**
 * Lets other parts of the page reach the terminal: `write` shows a command that ran elsewhere (the
 * editor's Apply) with its output; `submit` runs a line as if typed (lesson buttons), queued behind a
 * running command.
 */
export const terminalEcho: {
  write?: (line: string, output: string) => void;
  submit?: (line: string) => void;
} = {};

export function Terminal() {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const theme = useUi((s) => s.theme);
  const term = useRef<XTerm | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const xterm = new XTerm({
      convertEol: true,
      cursorBlink: true,
      fontFamily: 'ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace',
      fontSize: 14,
      scrollback: 5000,
      theme: THEMES[useUi.getState().theme],
    });
    const fit = new FitAddon();
    xterm.loadAddon(fit);
    xterm.open(host.current);
    term.current = xterm;
    const resize = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        // Not laid out yet.
      }
    });
    resize.observe(host.current);

    let history: string[] = [];
    let line: LineState = emptyLine(0);
    let running: { id?: number; streaming: boolean } | undefined;
    let queue: string[] = [];
    // Row of the cursor below the prompt's first row, as the last redraw left it.
    let cursorRow = 0;
    const show = () => {
      const r = redraw(PROMPT, line, xterm.cols, cursorRow);
      cursorRow = r.cursorRow;
      xterm.write(r.text);
    };
    /** Leave the current line as typed and move below it. */
    const endLine = (text: string, suffix = '') => {
      line = { ...line, buffer: text, cursor: text.length };
      show();
      xterm.write(`${suffix}\r\n`);
      cursorRow = 0;
    };

    void loadValue<string[]>(HISTORY_KEY).then((h) => {
      if (Array.isArray(h)) {
        history = h.slice(-HISTORY_MAX);
        line = { ...line, historyIndex: history.length };
      }
    });
    xterm.writeln(i18next.t('terminal.welcome'));
    show();

    // Keys typed while a command runs, replayed at the next prompt (as a shell's type-ahead).
    let typeAhead = '';
    const finish = () => {
      running = undefined;
      line = emptyLine(history.length);
      show();
      const next = queue.shift();
      if (next !== undefined) submit(next);
      else if (typeAhead) {
        const keys = typeAhead;
        typeAhead = '';
        handleData(keys);
      }
    };

    const submit = (text: string) => {
      endLine(text);
      const cmd = text.trim();
      if (!cmd) return finish();
      if (history[history.length - 1] !== cmd) history = [...history, cmd].slice(-HISTORY_MAX);
      void saveValue(HISTORY_KEY, history);
      running = { streaming: false };
      const state = running;
      void lab()
        .run(cmd, {
          stream: {
            onChunk: (chunk) => xterm.write(chunk),
            onEnd: () => {
              if (running === state) finish();
            },
          },
        })
        .then((r) => {
          if (r.clear) xterm.clear();
          cursorRow = 0;
          if (r.output) xterm.write(r.output.endsWith('\n') ? r.output : `${r.output}\r\n`);
          if (r.streaming && running === state) {
            state.id = r.id;
            state.streaming = true;
          } else if (running === state) finish();
        });
    };

    terminalEcho.write = (cmdLine, output) => {
      if (running) return;
      const typed = line;
      endLine(cmdLine);
      xterm.write(output);
      line = typed;
      show();
    };

    terminalEcho.submit = (text) => {
      if (running) queue.push(text);
      else submit(text);
    };

    const interrupt = () => {
      if (running) {
        if (running.id !== undefined) lab().stopStream(running.id);
        queue = [];
        typeAhead = '';
        xterm.write('^C\r\n');
        cursorRow = 0;
        finish();
        return;
      }
      endLine(line.buffer, '^C');
      line = emptyLine(history.length);
      show();
    };

    const tab = async () => {
      const at = line;
      const candidates = await lab().complete(at.buffer, at.cursor);
      if (line !== at) return;
      const r = complete(at, candidates);
      if (r.list.length > 0) {
        endLine(at.buffer);
        xterm.write(`${r.list.join('  ')}\r\n`);
      }
      line = r.state;
      show();
    };

    function handleData(data: string): void {
      if (data === '\x03') {
        if (xterm.hasSelection()) {
          void navigator.clipboard?.writeText(xterm.getSelection());
          return;
        }
        interrupt();
        return;
      }
      if (running) {
        typeAhead += data;
        return;
      }
      if (data === '\x0c') {
        xterm.clear();
        cursorRow = 0;
        show();
        return;
      }
      if (data === '\r') {
        submit(line.buffer);
        return;
      }
      if (data === '\x7f' || data === '\b') line = backspace(line);
      else if (data === '\x1b[3~') line = deleteForward(line);
      else if (data === '\x1b[A') line = historyPrev(line, history);
      else if (data === '\x1b[B') line = historyNext(line, history);
      else if (data === '\x1b[D') line = moveCursor(line, line.cursor - 1);
      else if (data === '\x1b[C') line = moveCursor(line, line.cursor + 1);
      else if (data === '\x1b[H' || data === '\x01') line = moveCursor(line, 0);
      else if (data === '\x1b[F' || data === '\x05') line = moveCursor(line, line.buffer.length);
      else if (data === '\x15') line = killToStart(line);
      else if (data === '\x17') line = killWord(line);
      else if (data === '\t') return void tab();
      else if (/[\r\n]/.test(data)) {
        // A paste of several lines runs them one after another (a trailing partial line too).
        const lines = data.split(/\r\n|\r|\n/).filter((l, i, all) => l.length > 0 || i < all.length - 1);
        const first =
          line.buffer.slice(0, line.cursor) + (lines.shift() ?? '') + line.buffer.slice(line.cursor);
        queue.push(...lines.filter((l) => l.length > 0));
        submit(first);
        return;
      } else if (data.startsWith('\x1b')) return;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping control characters is the point.
      else line = insert(line, data.replace(/[\x00-\x1f]/g, ''));
      show();
    }
    const onData = xterm.onData(handleData);

    return () => {
      onData.dispose();
      resize.disconnect();
      terminalEcho.write = undefined;
      terminalEcho.submit = undefined;
      xterm.dispose();
      term.current = null;
    };
  }, []);

  useEffect(() => {
    if (term.current) term.current.options.theme = THEMES[theme];
  }, [theme]);

  return (
    <section className="terminal-panel" aria-label={t('terminal.label')}>
      <div className="term-host" data-testid="terminal" ref={host} />
    </section>
  );
}
