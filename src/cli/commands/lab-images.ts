/** `lab images [IMAGE]`: what the lab's registries hold, KubeDojo's lab images first. */
import type { ImageCatalog } from '../../engine/images/catalog';
import { defaultPorts } from '../../engine/images/default-ports';
import type { CatalogEntry } from '../../engine/images/types';
import { CliError } from '../errors';
import { TABLE_SETTINGS, tabwrite } from '../printers/tabwriter';
import type { LabCommand } from './lab-types';

const LAB_PREFIX = 'docker.io/kubedojo/';

/** How a pod spec would name the repository (`nginx`, `kubedojo/hang`, `registry.k8s.io/pause`). */
export function shortName(repository: string): string {
  return repository.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}

/** The ports the image's server listens on with no env or args (what its docs promise). */
function portsText(e: CatalogEntry): string {
  const ports = defaultPorts(e);
  return ports?.length ? ports.join(',') : '-';
}

function sorted(entries: CatalogEntry[]): CatalogEntry[] {
  const lab = entries.filter((e) => e.repository.startsWith(LAB_PREFIX));
  const rest = entries
    .filter((e) => !e.repository.startsWith(LAB_PREFIX))
    .sort((a, b) => (shortName(a.repository) < shortName(b.repository) ? -1 : 1));
  return [...lab, ...rest];
}

export const imagesCommand: LabCommand = {
  name: 'images',
  short: 'List the images the lab registries hold (lab images first)',
  long: 'List every image a pod can pull in the lab, KubeDojo lab images first, with tags, default ports and shell. Name one image to see what it does and which environment variables change its behaviour. Any other image fails to pull (ErrImagePull).',
  usage: 'lab images [IMAGE] [--lab]',
  examples: `  lab images --lab
  lab images kubedojo/hang`,
  flags: [{ name: 'lab', type: 'bool', default: false, usage: 'Only the KubeDojo lab images.' }],
  run(ctx, args, flags, path) {
    const catalog = ctx.engine.services.get('images') as ImageCatalog | undefined;
    if (!catalog) throw new CliError('the image catalog is not running in this cluster');
    if (args.length > 1) throw new CliError(`at most one image\nSee '${path} -h' for help and examples`);
    let entries = sorted(catalog.entries());
    if (args.length === 1) {
      const want = shortName(args[0].replace(/[:@].*$/, ''));
      const e = entries.find((x) => shortName(x.repository) === want || x.repository === args[0]);
      if (!e) throw new CliError(`image "${args[0]}" is not in the lab registries (see lab images)`);
      const text =
        `Image:\t${shortName(e.repository)}\n` +
        `Repository:\t${e.repository}\n` +
        `Tags:\t${e.tags.map((t) => t.tag).join(', ')}\n` +
        `Size:\t${(e.tags[0].sizeBytes / 1_000_000).toFixed(1)} MB\n` +
        `Ports:\t${portsText(e)}\n` +
        `Shell:\t${e.profile.shell ?? 'none'}\n` +
        `Description:\t${e.description.replace(/^KubeDojo lab image: /, '')}\n`;
      ctx.print(tabwrite(text, { minWidth: 0, padding: 2 }));
      return 0;
    }
    if (flags.bool('lab')) entries = entries.filter((e) => e.repository.startsWith(LAB_PREFIX));
    let text = 'IMAGE\tTAGS\tPORTS\tSHELL\n';
    for (const e of entries)
      text += `${shortName(e.repository)}\t${e.tags.map((t) => t.tag).join(',')}\t${portsText(e)}\t${e.profile.shell ?? 'none'}\n`;
    ctx.print(tabwrite(text, TABLE_SETTINGS));
    return 0;
  },
};
