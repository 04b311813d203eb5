/**
 * The `Pod Template:` block of `rollout history --revision=N`. kubectl writes it through describe's
 * PrefixWriter without a tabwriter, so the tabs stay in the output as they are.
 */

interface Container {
  name: string;
  image?: string;
  ports?: { containerPort: number; protocol?: string }[];
  env?: { name: string; value?: string }[];
  command?: string[];
  args?: string[];
}

export function printPodTemplate(template: unknown, changeCause?: string): string {
  const t = (template ?? {}) as {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: { containers?: Container[]; volumes?: unknown[] };
  };
  const lines: string[] = ['Pod Template:'];
  const labels = Object.entries(t.metadata?.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  lines.push(
    `  Labels:\t${labels.length ? labels.map(([k, v], i) => `${i ? '\t' : ''}${k}=${v}`).join('\n') : '<none>'}`,
  );
  const annotations = {
    ...(t.metadata?.annotations ?? {}),
    ...(changeCause ? { 'kubernetes.io/change-cause': changeCause } : {}),
  };
  const ann = Object.entries(annotations).sort(([a], [b]) => (a < b ? -1 : 1));
  if (ann.length)
    lines.push(`  Annotations:\t${ann.map(([k, v], i) => `${i ? '\t' : ''}${k}: ${v}`).join('\n')}`);
  lines.push('  Containers:');
  for (const c of t.spec?.containers ?? []) {
    lines.push(`   ${c.name}:`);
    lines.push(`    Image:\t${c.image ?? ''}`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
    lines.push(`    Port:\t${ports.length ? ports.join(', ') : '<none>'}`);
    lines.push(`    Host Port:\t${ports.length ? ports.map(() => '0/TCP').join(', ') : '<none>'}`);
    if (c.command?.length) lines.push(`    Command:\n${c.command.map((x) => `      ${x}`).join('\n')}`);
    if (c.args?.length) lines.push(`    Args:\n${c.args.map((x) => `      ${x}`).join('\n')}`);
    lines.push(`    Environment:\t${c.env?.length ? '' : '<none>'}`);
    for (const e of c.env ?? []) lines.push(`      ${e.name}:\t${e.value ?? ''}`);
    lines.push('    Mounts:\t<none>');
  }
  lines.push(`  Volumes:\t${t.spec?.volumes?.length ? '' : '<none>'}`);
  lines.push('  Node-Selectors:\t<none>');
  lines.push('  Tolerations:\t<none>');
  return `${lines.join('\n')}\n`;
}
