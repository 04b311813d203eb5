/** IPv4 addresses as 32-bit numbers, and CIDR ranges, for the service IP allocator and the network. */

export interface Cidr {
  /** Network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
  /** Number of addresses in the block (including network and broadcast). */
  size: number;
  text: string;
}

/**
 * An IPv4 address as a number: four dot-separated groups of one to three ASCII digits, each at most 255
 * and without a leading zero (what /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/ and those checks
 * accept), read char by char: this runs for every pod IP the controllers and the network see.
 */
export function parseIPv4(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const len = text.length;
  if (len < 7 || len > 15) return undefined;
  let n = 0;
  let octet = 0;
  let digits = 0;
  let first = 0;
  let groups = 0;
  for (let i = 0; i <= len; i++) {
    // A '.' after the last char closes the last group.
    const c = i < len ? text.charCodeAt(i) : 46;
    if (c >= 48 && c <= 57) {
      if (digits === 0) first = c;
      if (++digits > 3) return undefined;
      octet = octet * 10 + (c - 48);
    } else if (c === 46) {
      if (digits === 0 || octet > 255 || (digits > 1 && first === 48)) return undefined;
      n = n * 256 + octet;
      groups++;
      octet = 0;
      digits = 0;
    } else return undefined;
  }
  return groups === 4 ? n : undefined;
}

export function formatIPv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function parseCidr(text: string): Cidr {
  const [ip, bits] = text.split('/');
  const addr = parseIPv4(ip);
  const prefix = Number(bits);
  if (addr === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32)
    throw new Error(`invalid CIDR ${text}`);
  const size = 2 ** (32 - prefix);
  const base = addr - (addr % size);
  return { base, prefix, size, text: `${formatIPv4(base)}/${prefix}` };
}

export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidr.size;
}
