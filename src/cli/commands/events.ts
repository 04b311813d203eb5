/** `kubectl events`: the namespace's events, oldest first, optionally for one object or of some types. */

import type { StoredObject } from '../../engine/api/types';
import { parseISO } from '../../engine/sim/clock';
import type { Command } from '../command';
import { CliError } from '../errors';
import { F } from '../globals';
import { humanDuration } from '../printers/index';
import { TABLE_SETTINGS, tabwrite } from '../printers/tabwriter';
import { resolveType } from '../resources';

function lastSeen(e: StoredObject): number {
  const t = (e.lastTimestamp as string) || (e.eventTime as string) || e.metadata.creationTimestamp;
  return parseISO(t);
}

export const eventsCommand: Command = {
  name: 'events',
  group: 'Troubleshooting and Debugging Commands',
  short: 'List events',
  long: `Display events.

 Prints a table of the most important information about events. You can request events for a namespace, for all
namespace, or filtered to only those pertaining to a specified resource.`,
  examples: `  # List recent events in the default namespace
  kubectl events

  # List recent events in all namespaces
  kubectl events --all-namespaces

  # List recent events for the specified pod, then wait for more events and list them as they arrive
  kubectl events --for pod/web-pod-13je7 --watch

  # List recent only events of type 'Warning' or 'Normal'
  kubectl events --types=Warning,Normal`,
  usage:
    'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
  flags: [
    F.allNamespaces,
    {
      name: 'for',
      type: 'string',
      usage: 'Filter events to only those pertaining to the specified resource.',
    },
    { name: 'types', type: 'stringSlice', usage: 'Output only events of given types.' },
    F.noHeaders,
  ],
  run(ctx, inv) {
    const allNs = inv.flags.bool('all-namespaces');
    let events = ctx.api.list('events', { namespace: allNs ? undefined : ctx.namespace });
    const forText = inv.flags.str('for');
    if (forText) {
      const slash = forText.indexOf('/');
      if (slash < 0) throw new CliError(`--for must be in resource/name form`);
      const rt = resolveType(ctx.api.kinds, forText.slice(0, slash));
      const name = forText.slice(slash + 1);
      events = events.filter((e) => {
        const io = e.involvedObject as { kind?: string; name?: string };
        return io.kind === rt.kind && io.name === name;
      });
    }
    const types = inv.flags.list('types');
    for (const t of types)
      if (t !== 'Normal' && t !== 'Warning') throw new CliError(`valid --types are Normal or Warning`);
    if (types.length) events = events.filter((e) => types.includes(e.type as string));
    if (events.length === 0) {
      ctx.print(allNs ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
      return 0;
    }
    const now = ctx.cluster.clock.now();
    events.sort((a, b) => lastSeen(a) - lastSeen(b));
    const rows = events.map((e) => {
      const io = e.involvedObject as { kind?: string; name?: string };
      const count = (e.count as number) ?? 1;
      const first = parseISO((e.firstTimestamp as string) || e.metadata.creationTimestamp);
      const seen = humanDuration(now - lastSeen(e));
      const age = count > 1 ? `${seen} (x${count} over ${humanDuration(now - first)})` : seen;
      return [
        ...(allNs ? [e.metadata.namespace ?? ''] : []),
        age,
        e.type as string,
        e.reason as string,
        `${io.kind}/${io.name}`,
        e.message as string,
      ];
    });
    const header = [...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
    const lines = [...(inv.flags.bool('no-headers') ? [] : [header]), ...rows].map((r) => r.join('\t'));
    ctx.print(tabwrite(`${lines.join('\n')}\n`, TABLE_SETTINGS));
    return 0;
  },
};
