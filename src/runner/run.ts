/**
 * Replays a script against a fresh cluster and returns the transcript: `$ <line>`, the output exactly as
 * the terminal shows it, `[exit N]` after a non-zero exit. Streams run in virtual time: those that end by
 * themselves (`rollout status`, `wait`, `delete`) until they do; those a learner stops with Ctrl-C (`get -w`,
 * `logs -f`) until they have been quiet for STREAM_IDLE_MS or `--request-timeout` passes. Either way they stop
 * when nothing more is scheduled, and never run longer than STREAM_MAX_MS.
 */
import { createShell } from '../cli/index';
import type { LabShell } from '../cli/shell';
import { tokenize } from '../cli/tokenize';
import type { LabFiles } from '../cli/types';
import { type Cluster, createCluster } from '../engine/cluster';
import { parseScript, parseScriptProfile, parseSleep, type ScriptProfile } from './script';

export const STREAM_STEP_MS = 1000;
export const STREAM_IDLE_MS = 30_000;
export const STREAM_MAX_MS = 900_000;
/** How long kubectl waits for a pod to run before attaching (`--pod-running-timeout`). */
export const ATTACH_TIMEOUT_MS = 60_000;

export const EDIT_UNAVAILABLE =
  'error: kubectl edit opens the lab editor, which the script runner does not have; use kubectl patch, kubectl set or kubectl apply -f instead\n';

export interface RunScriptOptions {
  seed?: number;
  /** The script's folder: relative `-f` paths resolve against it. */
  cwd?: string;
  files?: LabFiles;
  /** Use this cluster instead of a fresh default one (tests). */
  cluster?: Cluster;
  /** The cluster profile; default: the script's `# profile:` line, else kubernetes. */
  profile?: ScriptProfile;
}

export interface ScriptRun {
  transcript: string;
  cluster: Cluster;
  shell: LabShell;
}

export function runScript(text: string, opts: RunScriptOptions = {}): ScriptRun {
  const steps = parseScript(text);
  const profile = opts.profile ?? parseScriptProfile(text);
  const cluster = opts.cluster ?? createCluster({ seed: opts.seed ?? 1, profile });
  // Files the script writes (`> web.yaml`) live in memory on top of the script's folder.
  const files = new OverlayFiles(opts.files);
  const shell = createShell(cluster, { files });
  let transcript = '';
  for (const step of steps) {
    transcript += `$ ${step.display}\n`;
    const { output, exitCode } = runStep(shell, cluster, files, step.command, step.stdin, opts.cwd);
    transcript += output;
    if (output && !output.endsWith('\n')) transcript += '\n';
    if (exitCode !== 0) transcript += `[exit ${exitCode}]\n`;
  }
  return { transcript, cluster, shell };
}

/** The script's files plus what its commands wrote with `>` / `>>` (never written to disk). */
export class OverlayFiles implements LabFiles {
  private written = new Map<string, string>();

  constructor(private readonly base?: LabFiles) {}

  read(path: string): string | undefined {
    return this.written.get(path) ?? this.base?.read(path);
  }

  list(): string[] {
    return [...new Set([...(this.base?.list() ?? []), ...this.written.keys()])];
  }

  write(path: string, content: string, append: boolean): void {
    this.written.set(path, append ? (this.read(path) ?? '') + content : content);
  }
}

function runStep(
  shell: LabShell,
  cluster: Cluster,
  files: OverlayFiles,
  command: string,
  stdin: string | undefined,
  cwd: string | undefined,
) {
  let words: string[] = [];
  try {
    words = tokenize(command).words;
  } catch {
    // The shell reports the quoting error itself.
  }
  if (words[0] === 'sleep') {
    const ms = parseSleep(words.slice(1));
    if (typeof ms === 'string') return { output: `${ms}\n`, exitCode: 1 };
    cluster.advance(ms);
    return { output: '', exitCode: 0 };
  }
  const result = shell.run(command, { stdin, cwd });
  let output = result.output;
  let exitCode = result.exitCode;
  for (const e of result.effects ?? []) if (e.type === 'write-file') files.write(e.path, e.content, e.append);
  if (result.effects?.some((e) => e.type === 'open-editor')) {
    // `kubectl edit` needs the lab's editor; a script has none.
    output += EDIT_UNAVAILABLE;
    exitCode = 1;
  }
  if (result.session) {
    const session = result.session;
    // kubectl waits (up to a minute) for the container to run before it attaches.
    let waitedMs = 0;
    while (session.ready && !session.ready() && waitedMs < ATTACH_TIMEOUT_MS) {
      cluster.advance(STREAM_STEP_MS);
      waitedMs += STREAM_STEP_MS;
    }
    if (session.ready && !session.ready()) {
      output += 'error: timed out waiting for the condition\n';
      exitCode = 1;
    } else {
      for (const line of (stdin ?? '').split('\n').filter((l) => l !== '')) {
        // A terminal echoes what was typed after the prompt; without a TTY nothing is echoed.
        if (session.tty !== false) output += `${session.prompt()}${line}\n`;
        const r = session.input(line);
        output += r.output;
        cluster.settle();
        if (r.exited !== undefined) {
          exitCode = r.exited;
          break;
        }
      }
    }
    output += session.close(exitCode);
    cluster.settle();
  }
  if (result.stream) {
    let streamed = '';
    let finished: number | undefined;
    const stop = result.stream.subscribe(
      (chunk) => {
        streamed += chunk;
      },
      (code) => {
        finished = code;
      },
    );
    let quietMs = 0;
    let elapsed = 0;
    let lastLength = streamed.length;
    while (
      finished === undefined &&
      elapsed < STREAM_MAX_MS &&
      (!result.stream.untilInterrupted || quietMs < STREAM_IDLE_MS)
    ) {
      if (cluster.clock.nextDueMs() === undefined) break;
      cluster.advance(STREAM_STEP_MS);
      elapsed += STREAM_STEP_MS;
      quietMs = streamed.length === lastLength ? quietMs + STREAM_STEP_MS : 0;
      lastLength = streamed.length;
    }
    stop();
    output += streamed;
    if (finished !== undefined) exitCode = finished;
  }
  return { output, exitCode };
}
