/** The built-in kinds, resolved the way the command line hands them to the printers. */
import { registerBuiltinKinds } from '../../../engine/api/builtin-kinds';
import { KindRegistry, type ResourceType } from '../../../engine/api/kinds';

export const kinds = new KindRegistry();
registerBuiltinKinds(kinds);

export function rt(name: string): ResourceType {
  const r = kinds.resolve(name);
  if (!r) throw new Error(`no kind ${name}`);
  return r;
}
