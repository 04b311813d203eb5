/**
 * The components a cluster runs, in start order. Each lives in its own module; this list is the only
 * place that knows them all.
 */
import type { Component } from './context';

export const COMPONENTS: Component[] = [];
