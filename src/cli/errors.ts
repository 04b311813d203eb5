/**
 * How kubectl reports failures: its own `error: ...` lines, the API server's `Error from server (Reason): ...`
 * and the special layout for Invalid errors (`The Deployment "web" is invalid: ...`). Exit code 1 for all.
 */
import { StatusError } from '../engine/api/errors';

/** A client-side error: printed as `error: <message>` unless the message already carries its own prefix. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** Print the message as it is (no `error: ` prefix). */
    readonly raw = false,
  ) {
    super(message);
  }
}

/** A usage error that points at the command's help, as kubectl's UsageErrorf does. */
export function usageError(commandPath: string, message: string): CliError {
  return new CliError(`${message}\nSee '${commandPath} -h' for help and examples`);
}

/** Wrap a server error with the source it came from, as kubectl's AddSourceToErr does. */
export function withSource(verb: string, source: string, err: unknown): unknown {
  if (!source) return err;
  if (err instanceof StatusError) {
    return new StatusError(
      err.code,
      err.reason,
      `error when ${verb} "${source}": ${err.message}`,
      err.causes,
    );
  }
  if (err instanceof CliError)
    return new CliError(`error when ${verb} "${source}": ${err.message}`, err.exitCode);
  return err;
}

/** The text kubectl prints for an error, ending with a newline. */
export function formatError(err: unknown): string {
  if (err instanceof CliError) {
    const msg = err.raw || err.message.startsWith('error: ') ? err.message : `error: ${err.message}`;
    return msg.endsWith('\n') ? msg : `${msg}\n`;
  }
  if (err instanceof StatusError) {
    if (err.reason === 'Invalid' && err.causes.length > 0) {
      const m = /^(\S+) "([^"]*)" is invalid/.exec(err.message.replace(/^error when \w+ "[^"]*": /, ''));
      const kind = m ? m[1].split('.')[0] : '';
      const head = m ? `The ${kind} "${m[2]}" is invalid` : 'The request is invalid';
      const messages = [...new Set(err.causes.map((c) => c.message))];
      if (messages.length === 1) return `${head}: ${messages[0]}\n`;
      return `${head}: \n${messages.map((c) => `* ${c}\n`).join('')}`;
    }
    return `${err.toKubectl()}\n`;
  }
  if (err instanceof Error) return `error: ${err.message}\n`;
  return `error: ${String(err)}\n`;
}

/** One line per error in an aggregate (apply/delete with several failures), as kubectl's MultipleErrors. */
export function formatErrors(errs: unknown[]): string {
  if (errs.length === 1) return formatError(errs[0]);
  return errs
    .map((e) => {
      if (e instanceof StatusError) return `${e.toKubectl()}\n`;
      // kubectl's MultipleErrors: client errors appear without the `error: ` prefix here.
      return `${(e as Error).message}\n`;
    })
    .join('');
}
