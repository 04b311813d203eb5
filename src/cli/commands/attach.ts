/** `kubectl attach` (to a running container's shell session) and `kubectl options` (the global flags). */
import type { Command } from '../command';
import { CliError } from '../errors';
import { formatFlagHelp } from '../flags';
import { GLOBAL_FLAGS } from '../globals';
import { pickContainer, shellSession } from '../kubelet-client';
import { resolvePodArg } from '../pods';

export const attachCommand: Command = {
  name: 'attach',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Attach to a running container',
  long: 'Attach to a process that is already running inside an existing container.',
  examples: `  # Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation
  # for selecting the container to be attached or the first container in the pod will be chosen
  kubectl attach mypod

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl attach mypod -c ruby-container -i -t`,
  usage: 'attach (POD | TYPE/NAME) -c CONTAINER [options]',
  completion: 'pods',
  flags: [
    {
      name: 'container',
      short: 'c',
      type: 'string',
      usage:
        'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
    },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Stdin is a TTY' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only print output from the remote session' },
  ],
  run(ctx, inv) {
    if (inv.args.length !== 1)
      throw new CliError(
        `expected POD, TYPE/NAME, or TYPE NAME, (1) but got ${inv.args.length}\nSee '${inv.path} -h' for help and examples`,
      );
    const pod = resolvePodArg(ctx, inv.args[0]);
    const container = pickContainer(ctx, pod, inv.flags.str('container'));
    if (!inv.flags.bool('quiet') && inv.flags.bool('tty'))
      ctx.print("If you don't see a command prompt, try pressing enter.\n");
    ctx.session = shellSession(
      ctx,
      pod.metadata.namespace ?? 'default',
      pod.metadata.name,
      container,
      () =>
        `Session ended, resume using 'kubectl attach ${pod.metadata.name} -c ${container} -i -t' command when the pod is running\n`,
      inv.flags.bool('tty'),
    );
    return 0;
  },
};

export const optionsCommand: Command = {
  name: 'options',
  short: 'Print the list of flags inherited by all commands',
  long: 'Print the list of flags inherited by all commands',
  examples: `  # Print flags inherited by all commands
  kubectl options`,
  usage: 'options [flags] [options]',
  run(ctx) {
    ctx.print(
      `The following options can be passed to any command:\n\n${formatFlagHelp(GLOBAL_FLAGS.map((f) => ({ ...f, hidden: false })))}`,
    );
    return 0;
  },
};
