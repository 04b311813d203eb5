import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { env } from 'node:process';
import { expect, it } from 'vitest';
import { buildCatalog } from './catalog-data';
import { imagesMarkdown } from './docs';

const DOC = resolve(__dirname, '../../../docs/images.md');

it('docs/images.md lists the catalog as it is', () => {
  const text = imagesMarkdown(buildCatalog());
  if (env.UPDATE_DOCS) writeFileSync(DOC, text);
  expect(readFileSync(DOC, 'utf8')).toBe(text);
  expect(text).toContain('| `nginx` | `1.27`');
});
