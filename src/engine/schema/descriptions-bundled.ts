/**
 * Importing this module installs the generated field descriptions (see descriptions.ts for why they are
 * not loaded with the rest of the schema).
 */

import { provideDescriptions } from './descriptions';
import generated from './generated/descriptions.json';
import type { DescriptionBundle } from './types';

provideDescriptions(generated as unknown as DescriptionBundle);
