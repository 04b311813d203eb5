/**
 * `lab git`: the lab's simulated Git host. `repos` lists the repositories builds can clone, `log` shows a
 * repository's history, and `push` adds a commit and delivers the webhook of every BuildConfig that builds
 * that repository (its GitHub, GitLab or Generic trigger), as a Git host with that webhook registered would.
 *
 *   lab git push nodejs-ex -m "Change the welcome text" [--file path=content ...]
 */
import type { StoredObject } from '../../engine/api/types';
import type { Commit, GitServer, Repository } from '../../engine/openshift/repos';
import { normalizeUrl } from '../../engine/openshift/repos';
import { DEFAULT_BRANCH, pushCommit } from '../../engine/openshift/webhooks';
import { CliError } from '../errors';
import { printTable } from './lab-table';
import type { LabCommand, LabContext } from './lab-types';

function gitServer(ctx: LabContext): GitServer {
  const git = ctx.engine.services.get('openshift-git') as GitServer | undefined;
  if (!git) throw new CliError('this cluster has no Git host: lab git needs an OpenShift cluster');
  return git;
}

function findRepo(ctx: LabContext, name: string | undefined, path: string): Repository {
  if (!name) throw new CliError(`a repository is required\nSee '${path} -h' for help and examples`);
  const repo = gitServer(ctx).find(name);
  if (!repo) throw new CliError(`repository "${name}" not found on the lab's Git host (see lab git repos)`);
  return repo;
}

function builtBy(ctx: LabContext, url: string): StoredObject[] {
  if (!ctx.engine.kinds.resolve('buildconfigs')) return [];
  return ctx.engine.api
    .list('buildconfigs.build.openshift.io')
    .filter((bc) => normalizeUrl(bc.spec?.source?.git?.uri ?? '') === url);
}

const repos: LabCommand = {
  name: 'repos',
  short: 'List the repositories on the lab Git host',
  usage: 'lab git repos',
  run(ctx) {
    const rows = gitServer(ctx)
      .list()
      .map((r) => {
        const bcs = builtBy(ctx, r.url).map((b) => `${b.metadata.namespace}/${b.metadata.name}`);
        const head = r.commits[0];
        return [r.url, r.language, head.sha.slice(0, 7), bcs.join(',') || '<none>', head.message];
      });
    return printTable(ctx, ['URL', 'LANGUAGE', 'HEAD', 'BUILDCONFIGS', 'LAST COMMIT'], rows);
  },
};

const log: LabCommand = {
  name: 'log',
  short: "Show a repository's commits, newest first",
  usage: 'lab git log REPOSITORY [-n N]',
  examples: '  lab git log nodejs-ex -n 3',
  flags: [
    { name: 'max-count', short: 'n', type: 'int', default: 0, usage: 'Show only the newest N commits.' },
  ],
  run(ctx, args, flags, path) {
    const repo = findRepo(ctx, args[0], path);
    const n = flags.int('max-count');
    const commits = n > 0 ? repo.commits.slice(0, n) : repo.commits;
    ctx.print(
      commits
        .map(
          (c, i) =>
            `commit ${c.sha}${i === 0 ? ` (HEAD -> ${DEFAULT_BRANCH}, origin/${DEFAULT_BRANCH})` : ''}\n` +
            `Author: ${c.author}\nDate:   ${c.date}\n\n    ${c.message}\n`,
        )
        .join('\n'),
    );
    return 0;
  },
};

/** `path=content` (`\n` in the content is a newline); an empty content deletes the file. */
function parseFiles(specs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of specs) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new CliError(`--file must be PATH=CONTENT, got "${s}"`);
    out[s.slice(0, eq)] = s.slice(eq + 1).replace(/\\n/g, '\n');
  }
  return out;
}

/** git's ` 1 file changed, 2 insertions(+), 1 deletion(-)`. */
function diffStat(before: Record<string, string>, after: Commit): string {
  let ins = 0;
  let del = 0;
  for (const p of after.changed ?? []) {
    const a = (before[p] ?? '').split('\n').filter(Boolean);
    const b = (after.files?.[p] ?? '').split('\n').filter(Boolean);
    ins += b.filter((l) => !a.includes(l)).length;
    del += a.filter((l) => !b.includes(l)).length;
  }
  const files = after.changed?.length ?? 0;
  let out = ` ${files} file${files === 1 ? '' : 's'} changed`;
  if (ins) out += `, ${ins} insertion${ins === 1 ? '' : 's'}(+)`;
  if (del) out += `, ${del} deletion${del === 1 ? '' : 's'}(-)`;
  return `${out}\n`;
}

const push: LabCommand = {
  name: 'push',
  short: 'Commit and push to a repository; its webhooks start builds',
  long: "Add a commit to a repository on the lab's Git host and push it. Every BuildConfig that builds the repository and has a GitHub, GitLab or Generic webhook trigger receives the push event, as if its webhook URL were registered at the Git host; a build starts when the secret matches and the pushed branch is the one the BuildConfig builds. With no --file the commit changes README.md.",
  usage: 'lab git push REPOSITORY [-m MESSAGE] [--file PATH=CONTENT ...]',
  examples: `  lab git push nodejs-ex -m "Change the welcome text"
  lab git push https://github.com/sclorg/nodejs-ex --file tests/app_test.js="process.exit(1)"`,
  flags: [
    { name: 'message', short: 'm', type: 'string', default: '', usage: 'The commit message.' },
    {
      name: 'file',
      type: 'stringArray',
      usage: 'A file the commit writes (PATH=CONTENT, \\n for newlines; an empty CONTENT deletes it).',
    },
  ],
  run(ctx, args, flags, path) {
    const repo = findRepo(ctx, args[0], path);
    const message = flags.str('message') || 'Update README.md';
    let changes = parseFiles(flags.list('file'));
    if (Object.keys(changes).length === 0)
      changes = { 'README.md': `${repo.files['README.md'] ?? ''}\n${message}\n` };
    const previous = repo.commits[0];
    const { commit, deliveries } = pushCommit(ctx.engine, repo.url, message, undefined, changes);
    if (!commit) throw new CliError(`repository "${args[0]}" not found on the lab's Git host`);
    let out = `[${DEFAULT_BRANCH} ${commit.sha.slice(0, 7)}] ${message}\n${diffStat(repo.files, commit)}`;
    out += `To ${repo.url}.git\n   ${previous.sha.slice(0, 7)}..${commit.sha.slice(0, 7)}  ${DEFAULT_BRANCH} -> ${DEFAULT_BRANCH}\n`;
    if (deliveries.length === 0)
      out += `No BuildConfig builds ${repo.url} with a webhook trigger: no build started.\n`;
    for (const d of deliveries) {
      const target = `buildconfig/${d.buildConfig} -n ${d.namespace}`;
      const r = d.result;
      const what = r.build
        ? `build.build.openshift.io/${r.build.metadata.name} started by webhook`
        : r.status === 200
          ? `no build (the BuildConfig does not build branch ${DEFAULT_BRANCH})`
          : `${r.status} ${r.reason}: ${r.message}`;
      out += `${d.type} webhook delivered to ${target}: ${what}\n`;
    }
    ctx.print(out);
    return 0;
  },
};

export const gitCommand: LabCommand = {
  name: 'git',
  short: "The lab's Git host: repositories, history, push a commit",
  long: "The lab's simulated Git host (github.com for the cluster's builds): list its repositories, read their history, and push commits that deliver the webhooks of the BuildConfigs building them.",
  usage: 'lab git <command> [flags]',
  examples: `  lab git repos
  lab git log nodejs-ex
  lab git push nodejs-ex -m "Change the welcome text"`,
  subcommands: [repos, log, push],
};
