/**
 * Tab completion data for the terminal: commands, subcommands, flags, resource types, object names in
 * the namespace in effect, and values of a few flags (-n, -o, --context).
 */
import type { KindRegistry } from '../engine/api/kinds';
import { resourceId } from '../engine/api/kinds';
import type { Command } from './command';
import { COMMANDS } from './commands/index';
import { GLOBAL_FLAGS } from './globals';
import type { LabShell } from './shell';

const PROGRAMS = ['kubectl', 'k', 'lab', 'clear', 'history'];
const OUTPUTS = ['json', 'yaml', 'name', 'wide', 'jsonpath=', 'custom-columns=', 'go-template='];

export function completeLine(shell: LabShell, line: string, cursor: number): string[] {
  const before = line.slice(0, cursor);
  const words = before.split(/\s+/).filter((w, i, a) => w !== '' || i === a.length - 1);
  if (words.length === 0) words.push('');
  const current = words[words.length - 1];
  const previous = words.slice(0, -1);
  const pick = (cands: string[]) => [...new Set(cands.filter((c) => c.startsWith(current)))].sort();
  if (previous.length === 0) return pick(PROGRAMS);
  if (previous[0] !== 'kubectl' && previous[0] !== 'k') return [];

  // Walk to the deepest command named so far.
  let cmd: Command | undefined;
  let list = COMMANDS;
  const positional: string[] = [];
  let namespace = shell.currentNamespace();
  for (let i = 1; i < previous.length; i++) {
    const w = previous[i];
    if (w === '-n' || w === '--namespace') {
      namespace = previous[i + 1] ?? namespace;
      i++;
      continue;
    }
    if (w.startsWith('--namespace=')) namespace = w.slice(12);
    if (w.startsWith('-')) {
      const spec = [...(cmd?.flags ?? []), ...GLOBAL_FLAGS].find((f) =>
        w.startsWith('--') ? f.name === w.slice(2) : f.short === w.slice(1),
      );
      if (spec && spec.type !== 'bool' && !w.includes('=')) i++;
      continue;
    }
    const sub = list.find((c) => c.name === w || c.aliases?.includes(w));
    if (sub && positional.length === 0) {
      cmd = sub;
      list = sub.subcommands ?? [];
      continue;
    }
    positional.push(w);
  }

  const prev = previous[previous.length - 1];
  if (prev === '-n' || prev === '--namespace') return pick(names(shell, 'namespaces', undefined));
  if (prev === '-o' || prev === '--output') return pick(OUTPUTS);
  if (prev === '--context') return pick(shell.state.contexts.map((c) => c.name));
  if (current.startsWith('-')) {
    const flags = [...(cmd?.flags ?? []), ...GLOBAL_FLAGS].filter(
      (f) => !f.hidden || GLOBAL_FLAGS.includes(f),
    );
    return pick(flags.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]));
  }
  if (!cmd) return pick(COMMANDS.map((c) => c.name));
  if (cmd.subcommands?.length && positional.length === 0 && list.length) {
    const subs = list.map((c) => c.name);
    return pick(subs);
  }
  const kinds = shell.cluster.api.kinds;
  switch (cmd.completion) {
    case 'types': {
      if (positional.length === 0) {
        const slash = current.indexOf('/');
        if (slash > 0) {
          const rt = kinds.resolve(current.slice(0, slash));
          if (!rt) return [];
          return pick(
            names(shell, resourceId(rt), rt.namespaced ? namespace : undefined).map(
              (n) => `${current.slice(0, slash)}/${n}`,
            ),
          );
        }
        return pick(typeNames(kinds));
      }
      const rt = kinds.resolve(positional[0].split(',')[0]);
      if (!rt) return [];
      return pick(names(shell, resourceId(rt), rt.namespaced ? namespace : undefined));
    }
    case 'pods':
      return pick(names(shell, 'pods', namespace));
    case 'nodes':
      return pick(names(shell, 'nodes', undefined));
    case 'contexts':
      return pick(shell.state.contexts.map((c) => c.name));
    case 'deployments':
      return pick(names(shell, 'deployments.apps', namespace).map((n) => `deployment/${n}`));
    default:
      return [];
  }
}

function typeNames(kinds: KindRegistry): string[] {
  return kinds.all().flatMap((rt) => [rt.plural, rt.singular, ...rt.shortNames]);
}

function names(shell: LabShell, resource: string, namespace: string | undefined): string[] {
  try {
    return shell.cluster.api.list(resource, { namespace }).map((o) => o.metadata.name);
  } catch {
    return [];
  }
}
