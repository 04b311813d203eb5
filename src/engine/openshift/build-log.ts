/**
 * The lines a build writes, each with the virtual ms at which it appears after the build pod starts:
 * clone, the builder's assemble steps (S2I) or Dockerfile steps (Docker), commit and push, as in
 * OpenShift 4's buildah-based builder.
 */
import type { HookResult } from './post-commit';
import type { Commit } from './repos';

export interface LogLine {
  atMs: number;
  text: string;
}

const ASSEMBLE: Record<string, string[]> = {
  nodejs: [
    '---> Installing application source ...',
    '---> Installing all dependencies',
    'added 159 packages, and audited 160 packages in 6s',
    'found 0 vulnerabilities',
    '---> Building in production mode',
    '---> Building your Node application from source',
    '---> Pruning the development dependencies',
    '---> Cleaning the npm cache /opt/app-root/src/.npm',
  ],
  python: [
    '---> Installing application source ...',
    '---> Upgrading pip to latest version ...',
    '---> Installing dependencies ...',
    'Successfully installed Django-4.2.16 asgiref-3.8.1 gunicorn-23.0.0 sqlparse-0.5.1',
    '---> Collecting Django static files ...',
  ],
  ruby: [
    '---> Installing application source ...',
    '---> Building your Ruby application from source ...',
    "---> Running 'bundle install --retry 2 --deployment --without development:test' ...",
    'Bundle complete! 3 Gemfile dependencies, 4 gems now installed.',
    '---> Cleaning up unused ruby gems ...',
  ],
  php: [
    '---> Installing application source...',
    '=> sourcing 20-copy-config.sh ...',
    '---> 10:21:04     Processing additional arbitrary httpd configuration provided by s2i ...',
    "Found 'composer.json', installing dependencies using composer.phar... ",
    'Generating optimized autoload files',
  ],
  java: [
    'INFO Performing Maven build in /tmp/src',
    '[INFO] Scanning for projects...',
    '[INFO] BUILD SUCCESS',
    'INFO Copying deployments from target to /deployments...',
  ],
};

export interface BuildLogInput {
  namespace: string;
  buildName: string;
  strategy: 'Source' | 'Docker' | 'Custom';
  gitUrl?: string;
  /** Source uploaded by `oc start-build --from-dir/--from-file` instead of cloned. */
  binary?: boolean;
  commit?: Commit;
  builderRef?: string;
  language: string;
  dockerfile?: string;
  outputRef?: string;
  digest: string;
  /** The postCommit hook's run, if the build has one (it runs after the commit, before the push). */
  postCommit?: HookResult;
}

/**
 * The full log and the ms it takes; the build pod runs for `durationMs`. `failed` when the postCommit
 * hook exits non-zero: the log ends with the builder's error and nothing is pushed.
 */
export function buildLog(b: BuildLogInput): { lines: LogLine[]; durationMs: number; failed: boolean } {
  const lines: LogLine[] = [];
  let t = 400;
  const add = (text: string, stepMs = 150) => {
    lines.push({ atMs: t, text });
    t += stepMs;
  };
  if (b.binary) add('Receiving source from STDIN as archive ...', 900);
  else if (b.gitUrl) {
    add(`Cloning "${b.gitUrl}" ...`, 1200);
    if (b.commit) {
      add(`\tCommit:\t${b.commit.sha} (${b.commit.message})`, 10);
      add(`\tAuthor:\t${b.commit.author}`, 10);
      add(`\tDate:\t${b.commit.date}`, 300);
    }
  }
  if (b.builderRef) {
    add(`Trying to pull ${b.builderRef}...`, 800);
    add('Getting image source signatures', 200);
    add(
      `Copying blob ${b.digest.replace(/^sha256:(.{0,8}).*/, 'sha256:$1')}7e0c1f9a2d34b5c6d7e8f90a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091`,
      2500,
    );
    add('Writing manifest to image destination', 300);
  }
  const tempTag = `temp.builder.openshift.io/${b.namespace}/${b.buildName}:${b.digest.slice(7, 15)}`;
  if (b.strategy === 'Source') {
    add(`Generating dockerfile with builder image ${b.builderRef}`, 200);
    const steps = [
      `FROM ${b.builderRef}`,
      `LABEL "io.openshift.build.image"="${b.builderRef}"${b.gitUrl ? ` "io.openshift.build.source-location"="${b.gitUrl}"` : ''}`,
      `ENV OPENSHIFT_BUILD_NAME="${b.buildName}" OPENSHIFT_BUILD_NAMESPACE="${b.namespace}"${b.gitUrl ? ` OPENSHIFT_BUILD_SOURCE="${b.gitUrl}"` : ''}${b.commit ? ` OPENSHIFT_BUILD_COMMIT="${b.commit.sha}"` : ''}`,
      'USER root',
      'COPY upload/src /tmp/src',
      'RUN chown -R 1001:0 /tmp/src',
      'USER 1001',
      'RUN /usr/libexec/s2i/assemble',
    ];
    for (const [i, s] of steps.entries()) add(`STEP ${i + 1}/9: ${s}`, 200);
    for (const l of ASSEMBLE[b.language] ?? ASSEMBLE.nodejs) add(l, 1800);
    add('STEP 9/9: CMD /usr/libexec/s2i/run', 300);
  } else if (b.strategy === 'Docker') {
    const steps = (b.dockerfile ?? '').split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));
    for (const [i, s] of steps.entries())
      add(`STEP ${i + 1}/${steps.length}: ${s}`, s.startsWith('RUN') ? 4000 : 250);
  } else {
    add('Running custom builder...', 5000);
  }
  add(`COMMIT ${tempTag}`, 600);
  add(`--> ${b.digest.slice(7, 17)}`, 100);
  add(`Successfully tagged ${tempTag}`, 400);
  if (b.postCommit) {
    add('Running post commit hook ...', 1500);
    for (const l of b.postCommit.lines) add(l, 120);
    if (b.postCommit.exitCode !== 0) {
      add(`error: build error: while running runtime: exit status ${b.postCommit.exitCode}`, 0);
      return { lines, durationMs: t + 200, failed: true };
    }
  }
  if (b.outputRef) {
    add(`Pushing image ${b.outputRef} ...`, 300);
    add('Getting image source signatures', 1500);
    add('Writing manifest to image destination', 200);
    add(`Successfully pushed ${b.outputRef.replace(/:[^:/]+$/, '')}@${b.digest}`, 50);
    add('Push successful', 0);
  }
  return { lines, durationMs: t + 200, failed: false };
}
