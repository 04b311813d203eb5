/**
 * The contract between the command line (kubectl / oc / lab commands) and whoever drives it: the
 * terminal in the UI, the headless script runner, lesson checks and UI buttons all call `Shell.run`.
 */

/** Files the lab knows by path: editor tabs in the UI, the script's folder in the runner, bundled samples. */
export interface LabFiles {
  read(path: string): string | undefined;
  list(): string[];
}

export interface RunOptions {
  /** Standard input (a heredoc in the runner, pasted text in the terminal). */
  stdin?: string;
  /** Resolve relative `-f` paths against this folder. */
  cwd?: string;
}

/** Output that keeps coming after the command returns (`get -w`, `logs -f`, `rollout status`), until stopped. */
export interface OutputStream {
  /** Start receiving chunks (already formatted, with trailing newlines). Returns the stop function (Ctrl-C). */
  subscribe(write: (chunk: string) => void, done: (exitCode: number) => void): () => void;
  /**
   * True for streams that only end when the user stops them (`get -w`, `logs -f`); hosts that replay a script
   * stop them once the output has gone quiet. Others (`rollout status`, `wait`, `delete`) end by themselves.
   */
  untilInterrupted?: boolean;
}

/** Things a command asks its host to do that are not text (the UI acts on them; the runner reports them). */
export type CommandEffect =
  | { type: 'open-editor'; path: string; content: string; resource: string; namespace?: string; name: string }
  | { type: 'clear-screen' }
  /** `kubectl ... > file` / `>> file`: save the output in the lab's files (path resolved against cwd). */
  | { type: 'write-file'; path: string; content: string; append: boolean };

/**
 * An interactive session (`exec -it POD -- sh`, `run --rm -it`, `attach`, `debug -it`): the host shows
 * `prompt()`, sends each line the learner types to `input`, and calls `close(exitCode)` when it ends
 * (`exited` from input, Ctrl-D, or the host giving up) and prints what it returns.
 */
export interface InteractiveSession {
  /** False while the container is not running yet: the host advances time (kubectl waits up to 1m). */
  ready?(): boolean;
  prompt(): string;
  /** False without a TTY (`-i` but no `-t`): no prompt, typed lines are not echoed. */
  tty?: boolean;
  /** Run one line typed into the session; `exited` ends it with that exit code. */
  input(line: string): { output: string; exited?: number };
  /** What the host prints when the session ends (e.g. `Session ended, resume using ...`, `pod "x" deleted`). */
  close(exitCode: number): string;
}

export interface CommandResult {
  /** stdout and stderr combined, in order, exactly as the terminal shows them (ends with a newline when non-empty). */
  output: string;
  exitCode: number;
  stream?: OutputStream;
  effects?: CommandEffect[];
  /** Set when the command attached to a container: the host runs the session after printing `output`. */
  session?: InteractiveSession;
}

export interface Shell {
  run(line: string, opts?: RunOptions): CommandResult;
  /** Completions for the word at `cursor` (commands, flags, kinds, object names). */
  complete(line: string, cursor: number): string[];
  readonly history: readonly string[];
  /** The namespace the current kubeconfig context points at (`oc project`, `kubectl config set-context`). */
  currentNamespace?(): string;
}
