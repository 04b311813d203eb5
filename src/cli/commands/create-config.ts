import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { exactlyOneName, finishGenerated, GENERATOR_FLAGS } from '../generate';
import { joinPath } from '../manifests';

export const createNamespaceCommand: Command = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  long: 'Create a namespace with the specified name.',
  examples: `  # Create a new namespace named my-namespace
  kubectl create namespace my-namespace`,
  usage: 'create namespace NAME [--dry-run=server|client|none] [options]',
  flags: GENERATOR_FLAGS,
  run(ctx, inv) {
    const name = exactlyOneName(inv);
    return finishGenerated(ctx, inv, {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
      spec: {},
      status: {},
    });
  },
};

export const createServiceAccountCommand: Command = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  long: 'Create a service account with the specified name.',
  examples: `  # Create a new service account named my-service-account
  kubectl create serviceaccount my-service-account`,
  usage: 'create serviceaccount NAME [--dry-run=server|client|none] [options]',
  flags: GENERATOR_FLAGS,
  run(ctx, inv) {
    const name = exactlyOneName(inv);
    return finishGenerated(ctx, inv, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
  },
};

const SOURCE_FLAGS = [
  {
    name: 'from-literal',
    type: 'stringArray' as const,
    usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)',
  },
  {
    name: 'from-file',
    type: 'stringSlice' as const,
    usage:
      'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.',
  },
  {
    name: 'from-env-file',
    type: 'stringSlice' as const,
    usage: 'Specify the path to a file to read lines of key=val pairs to create a configmap.',
  },
  { name: 'append-hash', type: 'bool' as const, usage: 'Append a hash of the configmap to its name.' },
];

const KEY_RE = /^[-._a-zA-Z0-9]+$/;

/** The data a configmap or secret gets from --from-literal / --from-file / --from-env-file, in kubectl's order. */
function collectData(
  ctx: CommandContext,
  inv: Invocation,
  kind: 'configmap' | 'secret',
): Record<string, string> {
  const data: Record<string, string> = {};
  const put = (key: string, value: string) => {
    if (!KEY_RE.test(key)) {
      throw new CliError(
        `"${key}" is not a valid key name for a ${kind === 'configmap' ? 'ConfigMap' : 'Secret'}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      );
    }
    if (key in data) {
      throw new CliError(
        `cannot add key ${key}, another key by that name already exists in ${kind === 'configmap' ? 'Data' : 'data'} for ${kind === 'configmap' ? 'ConfigMap' : 'Secret'} "${inv.args[0]}"`,
      );
    }
    data[key] = value;
  };
  for (const file of inv.flags.list('from-file')) {
    const eq = file.indexOf('=');
    const key = eq >= 0 ? file.slice(0, eq) : file.slice(file.lastIndexOf('/') + 1);
    const path = eq >= 0 ? file.slice(eq + 1) : file;
    const text = ctx.files?.read(joinPath(ctx.cwd, path));
    if (text === undefined) throw new CliError(`error reading ${path}: no such file or directory`);
    put(key, text);
  }
  for (const lit of inv.flags.list('from-literal')) {
    const eq = lit.indexOf('=');
    if (eq <= 0) throw new CliError(`invalid literal source ${lit}, expected key=value`);
    put(lit.slice(0, eq), lit.slice(eq + 1).replace(/^"(.*)"$/, '$1'));
  }
  for (const envFile of inv.flags.list('from-env-file')) {
    const text = ctx.files?.read(joinPath(ctx.cwd, envFile));
    if (text === undefined) throw new CliError(`error reading ${envFile}: no such file or directory`);
    for (const line of text.split('\n')) {
      const l = line.trim();
      if (!l || l.startsWith('#')) continue;
      const eq = l.indexOf('=');
      if (eq <= 0)
        throw new CliError(
          `"${l}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`,
        );
      put(l.slice(0, eq), l.slice(eq + 1));
    }
  }
  return data;
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export const createConfigMapCommand: Command = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  long: `Create a config map based on a file, directory, or specified literal value.

 A single config map may package one or more key/value pairs.

 When creating a config map based on a file, the key will default to the basename of the file, and the value will
default to the file content.  If the basename is an invalid key, you may specify an alternate key.`,
  examples: `  # Create a new config map named my-config based on folder bar
  kubectl create configmap my-config --from-file=path/to/bar

  # Create a new config map named my-config with specified keys instead of file basenames on disk
  kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt

  # Create a new config map named my-config with key1=config1 and key2=config2
  kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2`,
  usage:
    'create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [...SOURCE_FLAGS, ...GENERATOR_FLAGS],
  run(ctx, inv) {
    const name = exactlyOneName(inv);
    const data = collectData(ctx, inv, 'configmap');
    return finishGenerated(
      ctx,
      inv,
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name },
        ...(Object.keys(data).length ? { data } : {}),
      },
      'created',
      false,
      'failed to create configmap',
    );
  },
};

export const createSecretGenericCommand: Command = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  long: `Create a secret based on a file, directory, or specified literal value.

 A single secret may package one or more key/value pairs.

 When creating a secret based on a file, the key will default to the basename of the file, and the value will default
to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.`,
  examples: `  # Create a new secret named my-secret with keys for each file in folder bar
  kubectl create secret generic my-secret --from-file=path/to/bar

  # Create a new secret named my-secret with key1=supersecret and key2=topsecret
  kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret`,
  usage:
    'create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: [
    ...SOURCE_FLAGS,
    { name: 'type', type: 'string', usage: 'The type of secret to create' },
    ...GENERATOR_FLAGS,
  ],
  run(ctx, inv) {
    const name = exactlyOneName(inv);
    const raw = collectData(ctx, inv, 'secret');
    const data = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, base64(v)]));
    const type = inv.flags.str('type') || 'Opaque';
    return finishGenerated(ctx, inv, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name },
      ...(Object.keys(data).length ? { data } : {}),
      type,
    });
  },
};

const createSecretDockerRegistryCommand: Command = {
  name: 'docker-registry',
  short: 'Create a secret for use with a Docker registry',
  long: `Create a new secret for use with Docker registries.

        Dockercfg secrets are used to authenticate against Docker registries.

        When using the Docker command line to push images, you can authenticate to a given registry by running:
                '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.

        That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to
authenticate to the registry. The email address is optional.`,
  examples: `  # If you do not already have a .dockercfg file, create a dockercfg secret directly
  kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL`,
  usage:
    'create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
  flags: [
    {
      name: 'docker-server',
      type: 'string',
      default: 'https://index.docker.io/v1/',
      usage: 'Server location for Docker registry',
    },
    { name: 'docker-username', type: 'string', usage: 'Username for Docker registry authentication' },
    { name: 'docker-password', type: 'string', usage: 'Password for Docker registry authentication' },
    { name: 'docker-email', type: 'string', usage: 'Email for Docker registry' },
    ...GENERATOR_FLAGS,
  ],
  run(ctx, inv) {
    const name = exactlyOneName(inv);
    const missing = ['docker-username', 'docker-password'].filter((f) => !inv.flags.str(f));
    if (missing.length)
      throw new CliError(
        `missing either --from-file or a combination of --docker-username, --docker-password and --docker-server`,
      );
    const user = inv.flags.str('docker-username');
    const password = inv.flags.str('docker-password');
    const email = inv.flags.str('docker-email');
    const config = {
      auths: {
        [inv.flags.str('docker-server')]: {
          username: user,
          password,
          ...(email ? { email } : {}),
          auth: base64(`${user}:${password}`),
        },
      },
    };
    return finishGenerated(ctx, inv, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name },
      data: { '.dockerconfigjson': base64(JSON.stringify(config)) },
      type: 'kubernetes.io/dockerconfigjson',
    });
  },
};

const createSecretTlsCommand: Command = {
  name: 'tls',
  short: 'Create a TLS secret',
  long: `Create a TLS secret from the given public/private key pair.

 The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.`,
  examples: `  # Create a new TLS secret named tls-secret with the given key pair
  kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key`,
  usage:
    'create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]',
  flags: [
    { name: 'cert', type: 'string', usage: 'Path to PEM encoded public key certificate.' },
    { name: 'key', type: 'string', usage: 'Path to private key associated with given certificate.' },
    ...GENERATOR_FLAGS,
  ],
  run(ctx, inv) {
    const name = exactlyOneName(inv);
    const read = (flag: string) => {
      const path = inv.flags.str(flag);
      if (!path) throw new CliError(`key and cert must be specified`);
      const text = ctx.files?.read(joinPath(ctx.cwd, path));
      if (text === undefined) throw new CliError(`open ${path}: no such file or directory`);
      return text;
    };
    const cert = read('cert');
    const key = read('key');
    return finishGenerated(ctx, inv, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name },
      data: { 'tls.crt': base64(cert), 'tls.key': base64(key) },
      type: 'kubernetes.io/tls',
    });
  },
};

export const createSecretCommand: Command = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  long: 'Create a secret with specified type.',
  usage: 'create secret (docker-registry | generic | tls) [options]',
  subcommands: [createSecretDockerRegistryCommand, createSecretGenericCommand, createSecretTlsCommand],
};
