import { describe, expect, it } from 'vitest';
import { splitCommandList, TokenizeError, tokenize } from './tokenize';

describe('tokenize', () => {
  it('splits words and keeps quoted spaces', () => {
    expect(tokenize(`kubectl annotate pod web description='my frontend' x="a b"`).words).toEqual([
      'kubectl',
      'annotate',
      'pod',
      'web',
      'description=my frontend',
      'x=a b',
    ]);
  });

  it('joins backslash-newline continuations and unescapes characters', () => {
    expect(tokenize('kubectl get \\\n  pods a\\ b').words).toEqual(['kubectl', 'get', 'pods', 'a b']);
  });

  it('keeps JSON inside single quotes verbatim', () => {
    expect(tokenize(`kubectl patch deploy web -p '{"spec":{"replicas":3}}'`).words[5]).toBe(
      '{"spec":{"replicas":3}}',
    );
  });

  it('handles escapes inside double quotes', () => {
    expect(tokenize('echo "a \\"b\\" \\$c \\n"').words).toEqual(['echo', 'a "b" $c \\n']);
  });

  it('splits a pipeline into filters', () => {
    expect(tokenize('kubectl get pods | grep web | wc -l')).toEqual({
      words: ['kubectl', 'get', 'pods'],
      filters: [
        ['grep', 'web'],
        ['wc', '-l'],
      ],
    });
  });

  it('drops comments outside words', () => {
    expect(tokenize('kubectl get pods # all of them').words).toEqual(['kubectl', 'get', 'pods']);
    expect(tokenize('kubectl get pods a#b').words).toEqual(['kubectl', 'get', 'pods', 'a#b']);
  });

  it('reports unterminated quotes as bash does', () => {
    expect(() => tokenize("kubectl get 'pods")).toThrow(TokenizeError);
    expect(() => tokenize("kubectl get 'pods")).toThrow(
      "bash: unexpected EOF while looking for matching `''",
    );
    expect(() => tokenize('kubectl get "pods')).toThrow(
      'bash: unexpected EOF while looking for matching `"\'',
    );
  });

  it('takes > and >> as redirections and ignores stderr ones', () => {
    expect(tokenize('kubectl get deploy web -o yaml > web.yaml')).toEqual({
      words: ['kubectl', 'get', 'deploy', 'web', '-o', 'yaml'],
      filters: [],
      redirect: { path: 'web.yaml', append: false },
    });
    expect(tokenize('kubectl get pods>>log.txt').redirect).toEqual({ path: 'log.txt', append: true });
    expect(tokenize('kubectl get pods 2>/dev/null')).toEqual({
      words: ['kubectl', 'get', 'pods'],
      filters: [],
    });
    expect(tokenize('kubectl get pods 2>&1 | grep x').filters).toEqual([['grep', 'x']]);
    expect(tokenize("echo 'a > b'").words).toEqual(['echo', 'a > b']);
    expect(() => tokenize('kubectl get pods >')).toThrow(
      "bash: syntax error near unexpected token `newline'",
    );
  });

  it('splits command lists at unquoted ; && ||', () => {
    expect(
      splitCommandList('kubectl apply -f a.yaml && kubectl get pods; echo \'x;y\' || echo "a && b"'),
    ).toEqual([
      { text: 'kubectl apply -f a.yaml ', after: ';' },
      { text: ' kubectl get pods', after: '&&' },
      { text: " echo 'x;y' ", after: ';' },
      { text: ' echo "a && b"', after: '||' },
    ]);
    expect(splitCommandList('kubectl get pods;')).toEqual([{ text: 'kubectl get pods', after: ';' }]);
  });
});
