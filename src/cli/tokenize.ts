/**
 * Splits a command line the way bash does for the simple commands learners type: single and double
 * quotes, backslash escapes, `\` line continuations, and a pipeline into a few text filters. Variables,
 * globs and command substitution are not expanded (the lab has no shell environment of its own).
 */

export interface Pipeline {
  /** The kubectl (or other) command's words. */
  words: string[];
  /** Filters after `|`, each as its words (`grep foo`, `head -n 3`, `wc -l`). */
  filters: string[][];
  /** `> file` / `>> file` at the end of the line: where standard output goes. */
  redirect?: { path: string; append: boolean };
}

export class TokenizeError extends Error {}

/** Words of one command line; throws TokenizeError for an unterminated quote (bash's wording). */
export function tokenize(line: string): Pipeline {
  const segments: string[][] = [[]];
  let redirect: Pipeline['redirect'];
  /** Set after `>`: the next word is the target, not an argument. */
  let pendingRedirect: { append: boolean; fd: number } | undefined;
  let word = '';
  let inWord = false;
  let i = 0;
  const push = () => {
    if (inWord) {
      if (pendingRedirect) {
        // stderr redirections (`2>/dev/null`, `2>&1`) are accepted and ignored: output is one stream here.
        if (pendingRedirect.fd === 1) redirect = { path: word, append: pendingRedirect.append };
        pendingRedirect = undefined;
      } else segments[segments.length - 1].push(word);
    }
    word = '';
    inWord = false;
  };
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') {
      const next = line[i + 1];
      if (next === '\n') {
        i += 2;
        continue;
      }
      if (next === undefined) {
        i++;
        continue;
      }
      word += next;
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new TokenizeError("bash: unexpected EOF while looking for matching `''");
      word += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const d = line[i];
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        if (d === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') word += line[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      if (!closed) throw new TokenizeError('bash: unexpected EOF while looking for matching `"\'');
      inWord = true;
      continue;
    }
    if (c === '>') {
      // `2>` names a file descriptor only when the 2 stands alone before the `>`.
      const fd = word === '2' || word === '1' ? Number(word) : 1;
      if (word === '2' || word === '1') {
        word = '';
        inWord = false;
      }
      push();
      const append = line[i + 1] === '>';
      i += append ? 2 : 1;
      if (line[i] === '&') {
        // `2>&1` / `>&2`: merge descriptors (already one stream).
        i++;
        while (i < line.length && /[0-9]/.test(line[i])) i++;
        continue;
      }
      pendingRedirect = { append, fd };
      continue;
    }
    if (c === '|') {
      push();
      segments.push([]);
      i++;
      continue;
    }
    if (c === '#' && !inWord) break;
    if (c === ' ' || c === '\t' || c === '\n') {
      push();
      i++;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  push();
  if (pendingRedirect) throw new TokenizeError("bash: syntax error near unexpected token `newline'");
  const [words, ...filters] = segments;
  return redirect ? { words, filters, redirect } : { words, filters };
}

export interface ListItem {
  /** The text of one command of the list (quotes kept, for `tokenize`). */
  text: string;
  /** How it joins the previous command: run always (`;`), only after success (`&&`), only after failure (`||`). */
  after: ';' | '&&' | '||';
}

/** Split `a && b; c || d` at unquoted list operators, as bash reads a command list. */
export function splitCommandList(line: string): ListItem[] {
  const items: ListItem[] = [];
  let after: ListItem['after'] = ';';
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      // A comment runs to the end of its line.
      while (i + 1 < line.length && line[i + 1] !== '\n') i++;
      continue;
    }
    const two = line.slice(i, i + 2);
    // A newline (pasted lines) separates commands as `;` does.
    if (c === ';' || c === '\n' || two === '&&' || two === '||') {
      items.push({ text: line.slice(start, i), after });
      after = c === ';' || c === '\n' ? ';' : (two as '&&' | '||');
      i += c === ';' || c === '\n' ? 0 : 1;
      start = i + 1;
    }
  }
  items.push({ text: line.slice(start), after });
  // `a;` is fine in bash; a trailing `&&`/`||` is not (the shell would wait for more input).
  if (items.length > 1 && items[items.length - 1].text.trim() === '' && items[items.length - 1].after === ';')
    items.pop();
  return items;
}
