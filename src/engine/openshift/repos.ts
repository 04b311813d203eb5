/**
 * The simulated Git hosting the lab's builds clone from: a few public sample repositories with their
 * language, whether they carry a Dockerfile, and a commit history the learner can extend ("push a commit").
 */
import { fnv1a64, hex64 } from '../util/objects';

export interface Commit {
  sha: string;
  author: string;
  date: string;
  message: string;
}

export interface Repository {
  url: string;
  /** The S2I builder `oc new-app` detects (from package.json, requirements.txt, Gemfile, index.php, pom.xml). */
  language: 'nodejs' | 'python' | 'ruby' | 'php' | 'java';
  dockerfile?: string;
  /** Newest first. */
  commits: Commit[];
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
  return [
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
      url: 'https://github.com/openshift/ruby-hello-world',
      language: 'ruby',
      dockerfile:
        'FROM registry.access.redhat.com/ubi9/ruby-33\nUSER default\nEXPOSE 8080\nENV RACK_ENV production\nENV RAILS_ENV production\nCOPY . /opt/app-root/src/\nRUN scl enable rh-ruby bundle install\nCMD ["/usr/libexec/s2i/run"]\n',
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

  /** A new commit on the default branch; returns it (a webhook then reports it). */
  push(url: string, message: string, author: string, date: string): Commit | undefined {
    const repo = this.get(url);
    if (!repo) return undefined;
    const c = commit(repo.url, repo.commits.length + 1, author, date, message);
    this.repos.set(repo.url, { ...repo, commits: [c, ...repo.commits] });
    return c;
  }
}

export function normalizeUrl(url: string): string {
  return url
    .replace(/\.git$/, '')
    .replace(/\/$/, '')
    .replace(/#.*$/, '');
}
