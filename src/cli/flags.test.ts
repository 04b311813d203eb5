import { describe, expect, it } from 'vitest';
import { type FlagSpec, parseDuration, parseFlags } from './flags';

const SPECS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', usage: '' },
  { name: 'stdin', short: 'i', type: 'bool', usage: '' },
  { name: 'tty', short: 't', type: 'bool', usage: '' },
  { name: 'replicas', type: 'int', default: 1, usage: '' },
  { name: 'filename', short: 'f', type: 'stringSlice', usage: '' },
  { name: 'from-literal', type: 'stringArray', usage: '' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: '' },
  { name: 'timeout', type: 'duration', default: '0s', usage: '' },
];

const parse = (line: string) => parseFlags(line.split(' ').filter(Boolean), SPECS, 'kubectl test');

describe('parseFlags', () => {
  it('lets a command flag shadow a global flag of the same name', () => {
    const local: FlagSpec = { name: 'user', type: 'stringArray', usage: 'Usernames to bind' };
    const global: FlagSpec = { name: 'user', type: 'string', usage: 'The kubeconfig user', hidden: true };
    const parsed = parseFlags(
      ['x', '--user=alice', '--user', 'bob'],
      [local, global],
      'kubectl create rolebinding',
    );
    expect(parsed.flags.list('user')).toEqual(['alice', 'bob']);
  });

  it('accepts every namespace spelling', () => {
    for (const form of ['-n dev', '-ndev', '-n=dev', '--namespace dev', '--namespace=dev']) {
      expect(parse(`x ${form}`).flags.str('namespace')).toBe('dev');
    }
  });

  it('combines boolean shorthands and keeps positional args between flags', () => {
    const p = parse('web -it -n dev sh');
    expect(p.flags.bool('stdin')).toBe(true);
    expect(p.flags.bool('tty')).toBe(true);
    expect(p.args).toEqual(['web', 'sh']);
  });

  it('records where -- was and stops parsing flags after it', () => {
    const p = parse('web -i -- ls -la /');
    expect(p.args).toEqual(['web', 'ls', '-la', '/']);
    expect(p.dashAt).toBe(1);
    expect(p.flags.bool('stdin')).toBe(true);
  });

  it('parses ints, slices, arrays, durations and no-value defaults', () => {
    const p = parse(
      '--replicas=3 -f a.yaml,b.yaml -f c.yaml --from-literal=a=1 --from-literal=b=2,3 --dry-run --timeout=1m30s',
    );
    expect(p.flags.int('replicas')).toBe(3);
    expect(p.flags.list('filename')).toEqual(['a.yaml', 'b.yaml', 'c.yaml']);
    expect(p.flags.list('from-literal')).toEqual(['a=1', 'b=2,3']);
    expect(p.flags.str('dry-run')).toBe('unchanged');
    expect(p.flags.durationMs('timeout')).toBe(90_000);
    expect(parse('').flags.int('replicas')).toBe(1);
    expect(parse('').flags.changed('replicas')).toBe(false);
  });

  it('treats a lone - as an argument (stdin)', () => {
    expect(parse('-f -').flags.list('filename')).toEqual(['-']);
  });

  it('words its errors as pflag and kubectl do', () => {
    expect(() => parse('--replica=3')).toThrow(
      "unknown flag: --replica\nSee 'kubectl test --help' for usage.",
    );
    expect(() => parse('-x')).toThrow("unknown shorthand flag: 'x' in -x");
    expect(() => parse('-itx')).toThrow("unknown shorthand flag: 'x' in -itx");
    expect(() => parse('--namespace')).toThrow('flag needs an argument: --namespace');
    expect(() => parse('-n')).toThrow("flag needs an argument: 'n' in -n");
    expect(() => parse('--replicas=abc')).toThrow(
      'invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    );
    expect(() => parse('--stdin=maybe')).toThrow(
      'invalid argument "maybe" for "-i, --stdin" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
    );
    expect(() => parse('--timeout=30')).toThrow(
      'invalid argument "30" for "--timeout" flag: time: missing unit in duration "30"',
    );
  });

  it('sees -h and --help anywhere', () => {
    expect(parse('web --help').help).toBe(true);
    expect(parse('-h').help).toBe(true);
  });
});

describe('parseDuration', () => {
  it('reads Go durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1m5s')).toBe(65_000);
    expect(parseDuration('abc')).toBeUndefined();
  });
});
