/**
 * `oc get istag [NAME]` and `oc get isimage NAME`: ImageStreamTags and ImageStreamImages are read-only
 * views the image API derives from ImageStreams (their names hold `:` and `@`), so oc reads them here
 * instead of from the object store. Tables as openshift-apiserver prints them (NAME, IMAGE REFERENCE,
 * UPDATED; IMAGE NAME with -o wide).
 */

import { StatusError } from '../../engine/api/errors';
import type { StoredObject } from '../../engine/api/types';
import {
  getImageStreamImage,
  getImageStreamTag,
  IMAGE_STREAM_IMAGES,
  IMAGE_STREAM_TAGS,
  listImageStreamTags,
} from '../../engine/openshift/imagestreamtags';
import { EPOCH_MS } from '../../engine/sim/clock';
import { parseRFC3339 } from '../../engine/sim/timefmt';
import type { Command } from '../command';
import { parseOutputFormat, printObjects, printTable, registerTableHandler } from '../printers/index';
import { unitsHumanDuration } from '../printers/tables/openshift';
import { NAME, type TableHandler } from '../printers/tables/types';

type Any = any;
const ago = (o: StoredObject, now: number) =>
  `${unitsHumanDuration(now - parseRFC3339(o.metadata.creationTimestamp ?? ''))} ago`;

const imageStreamTagTable: TableHandler = {
  columns: [NAME, { name: 'Image Reference' }, { name: 'Updated' }, { name: 'Image Name', priority: 1 }],
  row: (o, now) => [
    o.metadata.name,
    (o as Any).image?.dockerImageReference,
    ago(o, now),
    (o as Any).image?.metadata?.name,
  ],
};
const imageStreamImageTable: TableHandler = {
  columns: [
    NAME,
    { name: 'Updated' },
    { name: 'Image Reference', priority: 1 },
    { name: 'Image Name', priority: 1 },
  ],
  row: (o, now) => [
    o.metadata.name,
    ago(o, now),
    (o as Any).image?.dockerImageReference,
    (o as Any).image?.metadata?.name,
  ],
};
registerTableHandler(IMAGE_STREAM_TAGS, imageStreamTagTable);
registerTableHandler(IMAGE_STREAM_IMAGES, imageStreamImageTable);

const TYPES: Record<string, string> = {
  istag: IMAGE_STREAM_TAGS,
  imagestreamtag: IMAGE_STREAM_TAGS,
  imagestreamtags: IMAGE_STREAM_TAGS,
  isimage: IMAGE_STREAM_IMAGES,
  imagestreamimage: IMAGE_STREAM_IMAGES,
  imagestreamimages: IMAGE_STREAM_IMAGES,
};

/** The virtual image resource a `get` argument names (`istag`, `istag/app:latest`, `imagestreamtags.image.openshift.io`). */
export function virtualImageResource(word: string | undefined): string | undefined {
  if (!word) return undefined;
  return TYPES[
    word
      .split('/')[0]
      .toLowerCase()
      .replace(/\.image\.openshift\.io$/, '')
  ];
}

export const ocGetImages: Command = {
  name: 'get',
  short: 'Display one or many resources',
  usage: 'get [(-o|--output=)json|yaml|name|wide|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME ...]) [flags]',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: '', usage: 'Output format.' },
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'bool',
      default: false,
      usage: 'If present, list the requested object(s) across all namespaces.',
    },
    {
      name: 'no-headers',
      type: 'bool',
      default: false,
      usage:
        "When using the default or custom-column output format, don't print headers (default print headers).",
    },
  ],
  run(ctx, inv) {
    const [first, ...rest] = inv.args;
    const resource = virtualImageResource(first) ?? IMAGE_STREAM_TAGS;
    const rt = ctx.engine.kinds.resolve(resource);
    if (!rt) throw new StatusError(404, 'NotFound', `the server doesn't have a resource type "${first}"`);
    const names = first.includes('/') ? [first.slice(first.indexOf('/') + 1), ...rest] : rest;
    const allNs = inv.flags.bool('all-namespaces');
    const ns = ctx.namespace;
    let objects: StoredObject[];
    if (names.length) {
      const get = resource === IMAGE_STREAM_TAGS ? getImageStreamTag : getImageStreamImage;
      objects = names.map((n) => get(ctx.engine, ns, n));
    } else if (resource === IMAGE_STREAM_IMAGES) {
      throw new StatusError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource (get imagestreamimages.image.openshift.io)',
      );
    } else objects = listImageStreamTags(ctx.engine, allNs ? undefined : ns);
    const now = EPOCH_MS + ctx.engine.clock.now();
    const output = inv.flags.str('output');
    if (objects.length === 0) {
      ctx.print(allNs ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
      return 0;
    }
    if (output && output !== 'wide') {
      ctx.print(
        printObjects(rt, objects, parseOutputFormat(output), { single: names.length === 1, nowMs: now }),
      );
      return 0;
    }
    ctx.print(
      printTable(
        rt,
        objects,
        { wide: output === 'wide', withNamespace: allNs, noHeaders: inv.flags.bool('no-headers') },
        now,
      ),
    );
    return 0;
  },
};
