/**
 * The `istioctl` subset the lab speaks: install (profiles demo/default/minimal), analyze, proxy-status
 * and x describe pod, plus version. cobra-style errors (`Error: unknown command ...`), as istioctl 1.24.
 */
import type { Cluster } from '../../engine/cluster';
import {
  ISTIO_NAMESPACE,
  ISTIO_VERSION,
  type IstioProfile,
  installIstio,
  type MeshSettings,
  PROFILES,
} from '../../engine/istio';
import type { CommandResult } from '../types';
import { analyzeOutput } from './analyze';
import { describePod } from './describe';
import { proxyStatus } from './proxy-status';

const HELP = `Istio configuration command line utility for service operators to
debug and diagnose their Istio mesh.

Usage:
  istioctl [command]

Available Commands:
  analyze                Analyze Istio configuration and print validation messages
  experimental           Experimental commands that may be modified or deprecated
  install                Applies an Istio manifest, installing or reconfiguring Istio on a cluster.
  proxy-status           Retrieves the synchronization status of each Envoy in the mesh
  version                Prints out build version information

Flags:
  -h, --help                     help for istioctl
  -n, --namespace string         Config namespace

Use "istioctl [command] --help" for more information about a command.
`;

interface Parsed {
  args: string[];
  namespace?: string;
  allNamespaces: boolean;
  sets: string[];
  yes: boolean;
  help: boolean;
  unknown?: string;
}

function parse(words: string[]): Parsed {
  const p: Parsed = { args: [], allNamespaces: false, sets: [], yes: false, help: false };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const [flag, inline] =
      w.startsWith('--') && w.includes('=')
        ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]
        : [w, undefined];
    const value = () => inline ?? words[++i] ?? '';
    if (flag === '-n' || flag === '--namespace') p.namespace = value();
    else if (flag === '-A' || flag === '--all-namespaces') p.allNamespaces = true;
    else if (flag === '-s' || flag === '--set') p.sets.push(value());
    else if (flag === '-y' || flag === '--skip-confirmation') p.yes = true;
    else if (flag === '-h' || flag === '--help') p.help = true;
    else if (flag.startsWith('-')) p.unknown ??= flag;
    else p.args.push(w);
  }
  return p;
}

const out = (output: string, exitCode = 0): CommandResult => ({ output, exitCode });

/** Run `istioctl ...` (the words after `istioctl`). */
export function runIstioctl(cluster: Cluster, words: string[], currentNamespace: string): CommandResult {
  const p = parse(words);
  const [cmd, ...rest] = p.args;
  const ctx = cluster.ctx;
  if (p.unknown)
    return out(
      `Error: unknown ${p.unknown.startsWith('--') ? 'flag' : 'shorthand flag'}: ${p.unknown.startsWith('--') ? p.unknown : `'${p.unknown.replace(/^-/, '')}' in ${p.unknown}`}\n`,
      1,
    );
  if (!cmd || p.help) return out(HELP);
  const namespace = p.namespace || currentNamespace;
  let result: CommandResult;
  switch (cmd) {
    case 'install': {
      const profileSet = p.sets.find((s) => s.startsWith('profile='));
      const profile = (profileSet?.slice('profile='.length) ?? 'default') as IstioProfile;
      if (!PROFILES.includes(profile))
        return out(`Error: generate config: unknown profile "${profile}"\n`, 1);
      const settings: MeshSettings = {};
      const modeSet = p.sets.find((x) => x.startsWith('meshConfig.outboundTrafficPolicy.mode='));
      if (modeSet) {
        const mode = modeSet.slice(modeSet.indexOf('=') + 1);
        if (mode !== 'ALLOW_ANY' && mode !== 'REGISTRY_ONLY')
          return out(
            `Error: generate config: unknown value "${mode}" for enum istio.mesh.v1alpha1.MeshConfig_OutboundTrafficPolicy_Mode\n`,
            1,
          );
        settings.outboundTrafficPolicy = { mode };
      }
      result = out(`${installIstio(ctx, profile, settings).join('\n')}\n`);
      break;
    }
    case 'analyze':
      result = analyzeOutput(ctx, p.allNamespaces ? undefined : namespace);
      break;
    case 'proxy-status':
    case 'ps':
      result = proxyStatus(ctx, p.namespace);
      break;
    case 'version': {
      const installed = ctx.api.store.get('services', ISTIO_NAMESPACE, 'istiod');
      result = out(
        installed
          ? `client version: ${ISTIO_VERSION}\ncontrol plane version: ${ISTIO_VERSION}\ndata plane version: ${ISTIO_VERSION} (${ctx.api.store.list('pods').filter((x) => (x.spec?.containers ?? []).some((c: { name: string }) => c.name === 'istio-proxy')).length} proxies)\n`
          : `client version: ${ISTIO_VERSION}\ncontrol plane version: none\n`,
      );
      break;
    }
    case 'x':
    case 'experimental': {
      const [sub, kind, name] = rest;
      if (sub !== 'describe' || !kind)
        return out(`Error: unknown command "${sub ?? ''}" for "istioctl experimental"\n`, 1);
      if (kind !== 'pod' && kind !== 'pods' && kind !== 'po')
        return out(`Error: unknown command "${kind}" for "istioctl experimental describe"\n`, 1);
      if (!name) return out('Error: expecting pod name\n', 1);
      // `name.namespace` is istioctl's other spelling.
      const [podName, podNs] = name.includes('.') ? name.split('.') : [name, namespace];
      result = describePod(ctx, podNs, podName);
      break;
    }
    default:
      return out(`Error: unknown command "${cmd}" for "istioctl"\nRun 'istioctl --help' for usage.\n`, 1);
  }
  cluster.settle();
  return result;
}
