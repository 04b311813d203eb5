/**
 * The simulated Git hosting the lab's builds clone from: a few public sample repositories with their
 * language, whether they carry a Dockerfile, and a commit history the learner can extend ("push a commit").
 */
import { fnv1a64, hex64 } from '../util/objects';
import { RUBY_HELLO_DOCKERFILE, SEED_FILES } from './repo-files';

export interface Commit {
  sha: string;
  author: string;
  date: string;
  message: string;
  /** The repository's files at this commit (path -> content). */
  files?: Record<string, string>;
  /** The paths this commit added or changed (what `git show --stat` lists). */
  changed?: string[];
}

export interface Repository {
  url: string;
  /** The S2I builder `oc new-app` detects (from package.json, requirements.txt, Gemfile, index.php, pom.xml). */
  language: 'nodejs' | 'python' | 'ruby' | 'php' | 'java';
  dockerfile?: string;
  /** Newest first. */
  commits: Commit[];
  /** The files at the newest commit. */
  files: Record<string, string>;
}

const sha = (key: string) => {
  let h = fnv1a64(key);
  let out = '';
  while (out.length < 40) {
    h = fnv1a64(`${key}#${out.length}`, h[0], h[1]);
    out += hex64(h);
  }
  return out.slice(0, 40);
};

const commit = (url: string, n: number, author: string, date: string, message: string): Commit => ({
  sha: sha(`${url}@${n}`),
  author,
  date,
  message,
});

function seed(): Repository[] {
  const repos: Omit<Repository, 'files'>[] = [
    {
      url: 'https://github.com/sclorg/nodejs-ex',
      language: 'nodejs',
      commits: [
        commit(
          'https://github.com/sclorg/nodejs-ex',
          2,
          'Petr Hracek <phracek@redhat.com>',
          'Mon Oct 7 10:12:31 2024 +0200',
          'Merge pull request #301 from sclorg/update-deps',
        ),
        commit(
          'https://github.com/sclorg/nodejs-ex',
          1,
          'Honza Horak <hhorak@redhat.com>',
          'Tue Jun 4 14:02:11 2024 +0200',
          'Use Node.js 20 in the sample',
        ),
      ],
    },
    {
      url: 'https://github.com/sclorg/django-ex',
      language: 'python',
      commits: [
        commit(
          'https://github.com/sclorg/django-ex',
          1,
          'Lumír Balhar <lbalhar@redhat.com>',
          'Thu Sep 12 09:40:02 2024 +0200',
          'Update to Django 4.2',
        ),
      ],
    },
    {
      url: 'https://github.com/sclorg/ruby-ex',
      language: 'ruby',
      commits: [
        commit(
          'https://github.com/sclorg/ruby-ex',
          1,
          'Jarek Prokop <jprokop@redhat.com>',
          'Wed Mar 6 11:21:45 2024 +0100',
          'Bump puma',
        ),
      ],
    },
    {
      url: 'https://github.com/sclorg/cakephp-ex',
      language: 'php',
      commits: [
        commit(
          'https://github.com/sclorg/cakephp-ex',
          1,
          'Zuzana Miklankova <zmiklank@redhat.com>',
          'Fri Feb 2 16:05:19 2024 +0100',
          'Update CakePHP to 4.5',
        ),
      ],
    },
    {
      url: 'https://github.com/nodeshift-starters/nodejs-rest-http-crud',
      language: 'nodejs',
      commits: [
        commit(
          'https://github.com/nodeshift-starters/nodejs-rest-http-crud',
          1,
          'Lucas Holmquist <lholmqui@redhat.com>',
          'Tue Sep 17 13:48:09 2024 -0400',
          'chore(deps): update dependencies',
        ),
      ],
    },
    {
      url: 'https://github.com/openshift/ruby-hello-world',
      language: 'ruby',
      dockerfile: RUBY_HELLO_DOCKERFILE,
      commits: [
        commit(
          'https://github.com/openshift/ruby-hello-world',
          1,
          'Ben Parees <bparees@redhat.com>',
          'Thu Jan 11 15:30:00 2024 -0500',
          'Use UBI 9 Ruby',
        ),
      ],
    },
  ];
  return repos.map((r) => {
    const files = { ...(SEED_FILES[r.url] ?? {}) };
    return { ...r, files, commits: r.commits.map((c) => ({ ...c, files })) };
  });
}

/** The lab's Git server (engine service 'openshift-git'): look up repositories and push commits. */
export class GitServer {
  private readonly repos = new Map<string, Repository>();

  constructor() {
    for (const r of seed()) this.repos.set(r.url, r);
  }

  get(url: string): Repository | undefined {
    return this.repos.get(normalizeUrl(url));
  }

  /** Every repository, in the order they were added. */
  list(): Repository[] {
    return [...this.repos.values()];
  }

  /** A repository by URL, `owner/name` or bare name (`nodejs-ex`). */
  find(name: string): Repository | undefined {
    const direct = this.get(name);
    if (direct) return direct;
    const want = normalizeUrl(name).replace(/^(https?:\/\/)?(www\.)?github\.com\//, '');
    return this.list().find((r) => {
      const path = r.url.replace(/^https:\/\/[^/]+\//, '');
      return path === want || path.split('/').pop() === want;
    });
  }

  /** The files at a commit (a sha prefix), or at the newest one. */
  filesAt(url: string, sha?: string): Record<string, string> {
    const repo = this.get(url);
    if (!repo) return {};
    const c = sha ? repo.commits.find((x) => x.sha.startsWith(sha)) : repo.commits[0];
    return c?.files ?? repo.files;
  }

  /**
   * A new commit on the default branch with `changes` applied to the files (an empty content deletes the
   * file); returns it (a webhook then reports it).
   */
  push(
    url: string,
    message: string,
    author: string,
    date: string,
    changes: Record<string, string> = {},
  ): Commit | undefined {
    const repo = this.get(url);
    if (!repo) return undefined;
    const files = { ...repo.files };
    for (const [path, content] of Object.entries(changes)) {
      if (content === '') delete files[path];
      else files[path] = content;
    }
    const c: Commit = {
      ...commit(repo.url, repo.commits.length + 1, author, date, message),
      files,
      changed: Object.keys(changes),
    };
    const dockerfile = files.Dockerfile;
    this.repos.set(repo.url, { ...repo, files, dockerfile, commits: [c, ...repo.commits] });
    return c;
  }
}

export function normalizeUrl(url: string): string {
  return url
    .replace(/\.git$/, '')
    .replace(/\/$/, '')
    .replace(/#.*$/, '');
}
