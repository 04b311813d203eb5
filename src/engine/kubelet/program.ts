/**
 * What a container runs: the image's ENTRYPOINT/CMD overridden by the spec's command/args, decided into
 * the image's server, a shell script, a plain command, or a start error (binary not in the image).
 */
import type { ImageProfile, ServerProfile } from '../images/types';

export type Program =
  | { kind: 'server'; server: ServerProfile; argv: string[]; processName: string }
  | { kind: 'script'; shell: 'sh' | 'bash'; script: string; positional: string[]; argv: string[] }
  | { kind: 'argv'; argv: string[] }
  /** A shell with nothing to run: exits 0 at once unless the container keeps stdin open. */
  | { kind: 'idle-shell'; argv: string[] }
  | { kind: 'start-error'; message: string; argv: string[] };

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
/** Shell builtins a container can run as its command even without the binary. */
const ALWAYS = new Set(['sleep', 'echo', 'true', 'false', 'printf', 'test']);

export const RUNC_PREFIX =
  'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ';

export function decideProgram(
  profile: ImageProfile,
  container: { command?: string[]; args?: string[] },
): Program {
  const head = container.command ?? profile.entrypoint;
  const tail = container.args ?? (container.command ? [] : profile.cmd);
  let argv = [...head, ...tail];
  if (argv.length === 0)
    return { kind: 'start-error', message: `${RUNC_PREFIX}no command specified: unknown`, argv };
  // docker-entrypoint.sh style wrappers run "$@" (prefixing the server when the first arg is a flag).
  if (profile.wrappers?.some((w) => basename(w) === basename(argv[0]))) {
    const rest = argv.slice(1);
    argv =
      rest.length === 0
        ? [...profile.cmd]
        : rest[0].startsWith('-') && profile.serverCommands[0]
          ? [profile.serverCommands[0], ...rest]
          : rest;
  }
  const base = basename(argv[0]);
  for (const alt of profile.altServers ?? []) {
    if (alt.match(argv)) return { kind: 'server', server: alt.server, argv, processName: argv.join(' ') };
  }
  if (profile.server && (profile.serverCommands.includes(base) || profile.serverCommands.includes(argv[0]))) {
    return {
      kind: 'server',
      server: profile.server,
      argv,
      processName: profile.processName ?? argv.join(' '),
    };
  }
  const installed = (name: string) =>
    profile.binaries.includes(name) ||
    (SHELLS.has(name) &&
      profile.shell !== null &&
      (name === 'sh' || name === profile.shell || name === 'ash'));
  if (SHELLS.has(base) && installed(base)) {
    const ci = argv.indexOf('-c');
    if (ci >= 0 && argv[ci + 1] !== undefined) {
      return {
        kind: 'script',
        shell: base === 'bash' ? 'bash' : 'sh',
        script: argv[ci + 1],
        positional: argv.slice(ci + 3),
        argv,
      };
    }
    if (argv.length > 1 && !argv[1].startsWith('-')) return { kind: 'argv', argv };
    return { kind: 'idle-shell', argv };
  }
  if (installed(base) || (ALWAYS.has(base) && profile.shell !== null)) return { kind: 'argv', argv };
  if (argv[0].includes('/') && !profile.files[argv[0]]) {
    return {
      kind: 'start-error',
      message: `${RUNC_PREFIX}exec: "${argv[0]}": stat ${argv[0]}: no such file or directory: unknown`,
      argv,
    };
  }
  if (argv[0].includes('/') && profile.files[argv[0]]) return { kind: 'argv', argv };
  return {
    kind: 'start-error',
    message: `${RUNC_PREFIX}exec: "${argv[0]}": executable file not found in $PATH: unknown`,
    argv,
  };
}

/**
 * The program of a container run from an image, and its arguments (argv after the command): decided once
 * per image and command/args lists (a ReplicaSet's pods share their template's lists, or have none), as
 * decideProgram reads nothing else. Programs and their argument lists are only read, so they are shared.
 */
interface Decided {
  program: Program;
  args: string[];
}
const programs = new WeakMap<ImageProfile, WeakMap<object, WeakMap<object, Decided>>>();
/** The key standing for an absent command or args list. */
const NONE = {};

export function programOf(
  profile: ImageProfile,
  container: { command?: string[]; args?: string[] },
): Decided {
  let byCommand = programs.get(profile);
  if (!byCommand) {
    byCommand = new WeakMap();
    programs.set(profile, byCommand);
  }
  const command = container.command ?? NONE;
  let byArgs = byCommand.get(command);
  if (!byArgs) {
    byArgs = new WeakMap();
    byCommand.set(command, byArgs);
  }
  const args = container.args ?? NONE;
  let p = byArgs.get(args);
  if (!p) {
    const program = decideProgram(profile, container);
    p = { program, args: program.argv.slice(1) };
    byArgs.set(args, p);
  }
  return p;
}
