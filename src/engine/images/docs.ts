/** docs/images.md, generated from the catalog so the two never disagree (images/docs.test.ts checks it). */

import { defaultPorts } from './default-ports';
import { probeLabNotes } from './profiles/probe-lab';
import type { CatalogEntry } from './types';

function ports(e: CatalogEntry): string {
  const list = defaultPorts(e);
  return list?.length ? list.join(', ') : '—';
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

export function imagesMarkdown(entries: CatalogEntry[]): string {
  const out: string[] = [
    '# Image catalog',
    '',
    '<!-- Generated from src/engine/images (catalog-data.ts and profiles/). Regenerate with',
    '     `UPDATE_DOCS=1 npx vitest run src/engine/images/docs.test.ts`. -->',
    '',
    'The simulated registries hold exactly these images. Anything else fails to pull the way containerd',
    'reports it: an unknown tag gives `rpc error: code = NotFound ... not found`, an unknown Docker Hub',
    'repository gives `pull access denied, repository does not exist or may require authorization`, an',
    'unknown registry host gives `dial tcp: lookup <host>: no such host`. No tag means `:latest`, whose pull',
    'policy defaults to `Always` (every start pulls again); any other tag defaults to `IfNotPresent`.',
    '',
    'Each image has a behaviour profile: the command it runs by default (ENTRYPOINT + CMD, overridden by',
    '`command`/`args`), the shell and commands `kubectl exec` finds in it, the ports its server listens on,',
    'what it answers, what it logs, how much memory it uses and how it reacts to the stop signal.',
    '',
    '## Behaviour you can rely on in lessons',
    '',
    '- A shell image (busybox, alpine, ubuntu, debian, language runtimes) with no command exits at once with',
    '  code 0 (no terminal), so a Deployment of it goes `Completed` → `CrashLoopBackOff`. Give it',
    "  `command: ['sleep', '3600']` or `stdin: true`.",
    "- `sh -c 'exit 1'` exits 1 (`Error`); `echo hi` prints then exits 0 (`Completed`); `sleep N` runs N seconds.",
    '  Shell scripts run in the simulated shell: `;`, `&&`, `||`, pipes, `>`/`>>`, `$VAR`, `$((i+1))`,',
    '  `while`, `for`, `if`, and the commands listed per image.',
    "- A command that is not in the image fails to start: `StartError`, exit code 128, with runc's",
    '  `exec: "x": executable file not found in $PATH` message, then `CrashLoopBackOff`.',
    '- Memory above `resources.limits.memory` is `OOMKilled` (exit 137): `polinux/stress --vm 1 --vm-bytes 250M`,',
    '  or `kubedojo/leaky` that grows by `LEAK_MIB_PER_MINUTE`.',
    '- Stop signals follow the image: nginx gets SIGQUIT and exits 0 within ms; Apache gets SIGWINCH; a shell or',
    '  `sleep` as PID 1 ignores SIGTERM and is killed (exit 137) when the grace period ends.',
    '- postgres exits 1 without `POSTGRES_PASSWORD` (or `POSTGRES_HOST_AUTH_METHOD=trust`), mysql without',
    '  `MYSQL_ROOT_PASSWORD` (or `MYSQL_ALLOW_EMPTY_PASSWORD` / `MYSQL_RANDOM_ROOT_PASSWORD`), with their real messages.',
    '- nginx, httpd, php:apache and `busybox httpd -f -h DIR` serve files from their document root, so a',
    '  ConfigMap mounted there is what `curl` gets back.',
    '',
    '## KubeDojo lab images (HTTP on 8080, gRPC health on 9090, env-driven)',
    '',
    '| image | behaviour |',
    '|---|---|',
  ];
  for (const e of entries.filter((x) => x.repository.startsWith('docker.io/kubedojo/'))) {
    out.push(
      `| \`${e.repository.replace('docker.io/', '')}:${e.tags[0].tag}\` | ${e.description.replace('KubeDojo lab image: ', '')} |`,
    );
  }
  out.push(
    '',
    '## All images',
    '',
    '| image (as written in a pod) | tags | size | ports | shell | notes |',
    '|---|---|---|---|---|---|',
  );
  for (const e of entries) {
    const short = e.repository.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
    const tags = e.tags.map((t) => `\`${t.tag}\``).join(' ');
    out.push(
      `| \`${short}\` | ${tags} | ${mb(e.tags[0].sizeBytes)} | ${ports(e)} | ${e.profile.shell ?? 'none'} | ${e.description} |`,
    );
  }
  out.push(...probeLabNotes());
  out.push(
    '',
    '## Commands available to `kubectl exec`',
    '',
    'BusyBox-based images (busybox, alpine, curlimages/curl, netshoot, kubedojo/*): `sh`, `ls`, `cat`, `echo`,',
    '`env`, `printenv`, `ps`, `hostname`, `wget`, `nslookup`, `date`, `head`, `tail`, `grep`, `wc`, `sort`,',
    '`uniq`, `cut`, `tr`, `sed`, `touch`, `mkdir`, `rm`, `kill`, `sleep`, `seq`, `expr`, `id`, `uname`, `df`, `free`.',
    'Debian-based images (nginx, httpd, redis, postgres, language runtimes): `bash`, `sh` and coreutils, but no',
    '`ps`, `wget` or `ping`; nginx also has `curl`; full language images add `curl`, `wget`, `ps`.',
    'Distroless and scratch images (control-plane components, coredns, http-echo, go-httpbin) have no shell:',
    '`kubectl exec ... -- sh` fails with `exec: "sh": executable file not found in $PATH`.',
    '`curl`, `wget` and `nslookup` go through the cluster network (Services, DNS, NetworkPolicies).',
    '',
  );
  return out.join('\n');
}
