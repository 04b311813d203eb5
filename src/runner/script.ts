/**
 * The script format the headless runner replays (a stable contract: lessons, tests and docs use it):
 * `$ ` lines are commands, a command may end with a heredoc (`<<EOF`, `<<'EOF'`, `<<-EOF`) whose body is
 * its stdin, a trailing `\` continues a command on the next line, everything else is ignored.
 */

export interface ScriptStep {
  /** The first line after `$ `, as written (what the transcript shows). */
  display: string;
  /** The full command (continuations joined, heredoc marker removed). */
  command: string;
  stdin?: string;
  /** 1-based line of the `$ ` line, for messages. */
  line: number;
}

export class ScriptError extends Error {}

const HEREDOC = /<<(-?)\s*(?:'([^']+)'|"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))\s*$/;

export function parseScript(text: string): ScriptStep[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const steps: ScriptStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (!raw.startsWith('$ ') && raw !== '$') continue;
    const lineNo = i + 1;
    const display = raw.slice(2);
    let command = display;
    while (command.endsWith('\\') && !command.endsWith('\\\\')) {
      if (i + 1 >= lines.length)
        throw new ScriptError(`line ${lineNo}: the command ends with '\\' but the script ends`);
      command = `${command.slice(0, -1)}${lines[++i]}`;
    }
    const m = HEREDOC.exec(command);
    let stdin: string | undefined;
    if (m) {
      const stripTabs = m[1] === '-';
      const terminator = m[2] ?? m[3] ?? m[4];
      command = command.slice(0, m.index).trimEnd();
      const body: string[] = [];
      let closed = false;
      while (++i < lines.length) {
        const l = stripTabs ? lines[i].replace(/^\t+/, '') : lines[i];
        if (l === terminator) {
          closed = true;
          break;
        }
        body.push(l);
      }
      if (!closed) {
        throw new ScriptError(
          `line ${lineNo}: here-document delimited by end-of-file (wanted \`${terminator}')`,
        );
      }
      stdin = body.length ? `${body.join('\n')}\n` : '';
    }
    steps.push({ display, command, stdin, line: lineNo });
  }
  return steps;
}

export type ScriptProfile = 'kubernetes' | 'openshift';

/**
 * The cluster a script runs against: a `# profile: openshift` line before the first command picks the
 * OpenShift profile; without one it is a plain Kubernetes cluster.
 */
export function parseScriptProfile(text: string): ScriptProfile {
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    if (raw.startsWith('$ ') || raw === '$') break;
    const m = /^#\s*profile:\s*(\S+)\s*$/.exec(raw);
    if (!m) continue;
    if (m[1] !== 'openshift' && m[1] !== 'kubernetes')
      throw new ScriptError(`unknown profile "${m[1]}" (expected kubernetes or openshift)`);
    return m[1];
  }
  return 'kubernetes';
}

/** `sleep 10`, `sleep 10s`, `sleep 2m`, `sleep 1h`: milliseconds, or a message when the interval is bad. */
export function parseSleep(args: string[]): number | string {
  if (args.length === 0) return "sleep: missing operand\nTry 'sleep --help' for more information.";
  let total = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a);
    if (!m) return `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.`;
    const n = Number(m[1]);
    total +=
      n * ({ '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as Record<string, number>)[m[2]];
  }
  return Math.round(total);
}
