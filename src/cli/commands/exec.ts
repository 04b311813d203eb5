/** `kubectl exec`: run a command in a container (`--` argv), or an interactive shell with `-it`. */
import type { Command, CommandContext, Invocation } from '../command';
import { CliError } from '../errors';
import { F } from '../globals';
import { checkExecAllowed, execInPod, isShell, pickContainer, shellSession } from '../kubelet-client';
import { resolvePodArg } from '../pods';

export const execCommand: Command = {
  name: 'exec',
  group: 'Troubleshooting and Debugging Commands',
  short: 'Execute a command in a container',
  long: 'Execute a command in a container.',
  examples: `  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date

  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl exec mypod -c ruby-container -i -t -- bash -il

  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubectl exec deploy/mydeployment -- date

  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default
  kubectl exec svc/myservice -- date`,
  usage: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  completion: 'pods',
  flags: [
    F.container,
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Pass stdin to the container' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Stdin is a TTY' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'Only print output from the remote session' },
    F.filename('used to exec into a resource'),
    {
      name: 'pod-running-timeout',
      type: 'duration',
      default: '1m0s',
      usage:
        'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
    },
  ],
  run: runExec,
};

function runExec(ctx: CommandContext, inv: Invocation): number {
  const { flags, args, dashAt } = inv;
  const target = dashAt >= 0 ? args.slice(0, dashAt) : args.slice(0, 1);
  const argv = dashAt >= 0 ? args.slice(dashAt) : args.slice(1);
  if (target.length === 0)
    throw new CliError(
      `pod, type/name or --filename must be specified\nSee '${inv.path} -h' for help and examples`,
    );
  if (dashAt < 0 && argv.length > 0) {
    throw new CliError(
      `exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee '${inv.path} -h' for help and examples`,
    );
  }
  if (argv.length === 0)
    throw new CliError(
      `you must specify at least one command for the container\nSee '${inv.path} -h' for help and examples`,
    );
  const pod = resolvePodArg(ctx, target[0]);
  const container = pickContainer(ctx, pod, flags.str('container'));
  const interactive = flags.bool('stdin');
  if (flags.bool('tty') && !interactive) {
    ctx.print('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  if (interactive && isShell(argv)) {
    checkExecAllowed(pod, container);
    ctx.session = shellSession(
      ctx,
      pod.metadata.namespace ?? 'default',
      pod.metadata.name,
      container,
      (code) => (code ? `command terminated with exit code ${code}\n` : ''),
      flags.bool('tty'),
    );
    return 0;
  }
  const result = execInPod(ctx, pod, container, argv, interactive ? ctx.stdin : undefined);
  ctx.print(result.output);
  if (result.exitCode !== 0) {
    ctx.print(`command terminated with exit code ${result.exitCode}\n`);
    return result.exitCode;
  }
  return 0;
}
