import { describe, expect, it } from 'vitest';
import { parseScript, parseScriptProfile, parseSleep, ScriptError } from './script';

describe('parseScript', () => {
  it('takes $ lines as commands and ignores everything else', () => {
    expect(parseScript('# intro\n\n$ kubectl get pods\nsome prose\n$ sleep 5\n')).toEqual([
      { display: 'kubectl get pods', command: 'kubectl get pods', line: 3, stdin: undefined },
      { display: 'sleep 5', command: 'sleep 5', line: 5, stdin: undefined },
    ]);
  });

  it('reads heredocs (quoted or not, <<- strips tabs) as stdin and drops the marker', () => {
    const steps = parseScript(
      "$ kubectl apply -f - <<EOF\na: 1\n  b: 2\nEOF\n$ cat <<'END'\nx\nEND\n$ cat <<-EOT\n\tindented\n\tEOT\n",
    );
    expect(steps.map((s) => [s.display, s.command, s.stdin])).toEqual([
      ['kubectl apply -f - <<EOF', 'kubectl apply -f -', 'a: 1\n  b: 2\n'],
      ["cat <<'END'", 'cat', 'x\n'],
      ['cat <<-EOT', 'cat', 'indented\n'],
    ]);
  });

  it('joins backslash continuations but displays the first line', () => {
    const [s] = parseScript('$ kubectl create deployment web \\\n  --image=nginx\n');
    expect(s.display).toBe('kubectl create deployment web \\');
    expect(s.command).toBe('kubectl create deployment web   --image=nginx');
  });

  it('rejects a heredoc without its terminator', () => {
    expect(() => parseScript('$ kubectl apply -f - <<EOF\na: 1\n')).toThrow(ScriptError);
    expect(() => parseScript('$ kubectl apply -f - <<EOF\na: 1\n')).toThrow(
      "line 1: here-document delimited by end-of-file (wanted `EOF')",
    );
  });
});

describe('parseSleep', () => {
  it('reads seconds, minutes and hours', () => {
    expect(parseSleep(['10'])).toBe(10_000);
    expect(parseSleep(['10s'])).toBe(10_000);
    expect(parseSleep(['2m'])).toBe(120_000);
    expect(parseSleep(['1h', '30s'])).toBe(3_630_000);
    expect(parseSleep(['0.5'])).toBe(500);
    expect(parseSleep(['soon'])).toBe(
      "sleep: invalid time interval 'soon'\nTry 'sleep --help' for more information.",
    );
  });
});

describe('parseScriptProfile', () => {
  it('reads `# profile:` before the first command, and defaults to kubernetes', () => {
    expect(parseScriptProfile('# profile: openshift\n# about\n$ oc status\n')).toBe('openshift');
    expect(parseScriptProfile('# about\n#profile:kubernetes\n$ kubectl get pods\n')).toBe('kubernetes');
    expect(parseScriptProfile('$ kubectl get pods\n# profile: openshift\n')).toBe('kubernetes');
    expect(() => parseScriptProfile('# profile: okd\n')).toThrow(
      new ScriptError('unknown profile "okd" (expected kubernetes or openshift)'),
    );
  });
});
