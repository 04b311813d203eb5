/**
 * HTTPMatchRequest evaluation as Envoy's route matcher does it: conditions inside one match are ANDed,
 * the entries of `match` are ORed, a route without `match` matches everything. String matches are
 * exact / prefix / regex (RE2, anchored: the whole value must match).
 */

export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

export interface HttpMatch {
  name?: string;
  uri?: StringMatch;
  method?: StringMatch;
  authority?: StringMatch;
  headers?: Record<string, StringMatch>;
  withoutHeaders?: Record<string, StringMatch>;
  queryParams?: Record<string, StringMatch>;
  sourceLabels?: Record<string, string>;
  sourceNamespace?: string;
  gateways?: string[];
  port?: number;
  ignoreUriCase?: boolean;
}

/** What the matcher sees of one request. */
export interface MatchInput {
  path: string;
  method: string;
  authority: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  sourceLabels: Record<string, string>;
  sourceNamespace?: string;
  /** The gateway the request came through (`ns/name`), or 'mesh'. */
  gateway: string;
  port: number;
}

const regexCache = new Map<string, RegExp | null>();

function anchored(re: string): RegExp | null {
  let r = regexCache.get(re);
  if (r === undefined) {
    try {
      r = new RegExp(`^(?:${re})$`);
    } catch {
      r = null;
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(re, r);
  }
  return r;
}

export function stringMatches(
  m: StringMatch | undefined,
  value: string | undefined,
  ignoreCase = false,
): boolean {
  if (!m) return true;
  if (value === undefined) return false;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (m.exact !== undefined) return v === (ignoreCase ? m.exact.toLowerCase() : m.exact);
  if (m.prefix !== undefined) return v.startsWith(ignoreCase ? m.prefix.toLowerCase() : m.prefix);
  if (m.regex !== undefined) return anchored(m.regex)?.test(v) ?? false;
  // An empty StringMatch ({}) only requires presence.
  return true;
}

function queryOf(path: string): Record<string, string> {
  const i = path.indexOf('?');
  const out: Record<string, string> = {};
  if (i < 0) return out;
  for (const part of path.slice(i + 1).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    out[k] = decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1));
  }
  return out;
}

/** Whether one HTTPMatchRequest matches (all its conditions). `vsNamespace` qualifies short gateway names. */
export function matchOne(m: HttpMatch, req: MatchInput, vsNamespace: string): boolean {
  const pathOnly = req.path.split('?')[0];
  if (!stringMatches(m.uri, pathOnly, m.ignoreUriCase)) return false;
  if (!stringMatches(m.method, req.method)) return false;
  if (!stringMatches(m.authority, req.authority)) return false;
  if (m.port !== undefined && m.port !== req.port) return false;
  for (const [name, sm] of Object.entries(m.headers ?? {}))
    if (!stringMatches(sm, req.headers[name.toLowerCase()])) return false;
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {})) {
    const v = req.headers[name.toLowerCase()];
    if (v !== undefined && stringMatches(sm, v)) return false;
  }
  if (m.queryParams) {
    const q = queryOf(req.path);
    for (const [name, sm] of Object.entries(m.queryParams)) if (!stringMatches(sm, q[name])) return false;
  }
  for (const [k, v] of Object.entries(m.sourceLabels ?? {})) if (req.sourceLabels[k] !== v) return false;
  if (m.sourceNamespace !== undefined && m.sourceNamespace !== req.sourceNamespace) return false;
  if (m.gateways && !m.gateways.some((g) => qualifyGateway(g, vsNamespace) === req.gateway)) return false;
  return true;
}

export function routeMatches(
  matches: HttpMatch[] | undefined,
  req: MatchInput,
  vsNamespace: string,
): boolean {
  if (!matches || matches.length === 0) return true;
  return matches.some((m) => matchOne(m, req, vsNamespace));
}

/** `bookinfo-gateway` in the VirtualService's namespace, `ns/name` as written, `mesh` as is. */
export function qualifyGateway(g: string, vsNamespace: string): string {
  if (g === 'mesh' || g.includes('/')) return g;
  // `name.namespace.svc.cluster.local` is an older spelling of the same reference.
  const dotted = /^([^.]+)\.([^.]+)\.svc\./.exec(g);
  return dotted ? `${dotted[2]}/${dotted[1]}` : `${vsNamespace}/${g}`;
}

/**
 * The path after a rewrite: `uri` replaces the matched prefix (or the whole path for exact/regex matches),
 * `uriRegexRewrite` substitutes; the query string is kept.
 */
export function rewritePath(
  path: string,
  matched: HttpMatch | undefined,
  rewrite: { uri?: string; uriRegexRewrite?: { match: string; rewrite: string } } | undefined,
): string {
  if (!rewrite) return path;
  const q = path.indexOf('?');
  const pathOnly = q < 0 ? path : path.slice(0, q);
  const query = q < 0 ? '' : path.slice(q);
  if (rewrite.uriRegexRewrite) {
    const re = new RegExp(rewrite.uriRegexRewrite.match, 'g');
    return pathOnly.replace(re, rewrite.uriRegexRewrite.rewrite.replace(/\\(\d)/g, '$$$1')) + query;
  }
  if (rewrite.uri === undefined) return path;
  const prefix = matched?.uri?.prefix;
  if (prefix !== undefined && pathOnly.startsWith(prefix)) {
    // Envoy's prefix_rewrite replaces the matched prefix literally: `/blue` -> `/` turns `/blue/x` into
    // `//x`, the classic gotcha (match `/blue/` or rewrite to `` to avoid it).
    return rewrite.uri + pathOnly.slice(prefix.length) + query;
  }
  return rewrite.uri + query;
}
