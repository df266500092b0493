/**
 * Hunt 25: values near the forms Heat's `timezone`, `cron_expression`, `expiration`, `net_cidr`
 * and `ip_or_cidr` constraints read, hand-picked edges first, then seeded random ones (xorshift;
 * the same seed, the same values). Used by scripts/heat-hunt25-direct.ts (the constraint classes
 * alone) and scripts/heat-hunt25-cases.ts (whole templates, labelled by Stack.validate).
 */
import { rng } from './xorshift-rng';

export const EDGES: Record<string, string[]> = {
  timezone: ['UTC', 'utc', 'Utc', 'Europe/Paris', 'europe/paris', 'EUROPE/PARIS', 'Nowhere/Place', 'Europe/Pariss', 'Etc/GMT_plus_1',
    'Etc/GMT+1', 'Etc/GMT_minus_14', 'Etc/GMT-15', 'GMT+0', 'Zulu', 'localtime', 'Factory', 'posixrules', 'posix/Europe/Paris',
    'right/UTC', '/Europe/Paris', 'Europe//Paris', 'Europe/Paris/', 'UTC ', ' UTC', 'Europe/Paris\n', "a'b", 'é', 'Europe/Zürich',
    'America/Argentina/Buenos_Aires', 'America/Ciudad_Juarez', 'US/Pacific-New', 'EST', 'est5edt', 'Asia/Calcutta', 'x_plus_y', ''],
  cron_expression: ['* * * * *', 'x', '1 2', '', ' ', '@daily', '@DAILY', '@daily ', '@reboot', '@hourly', '0 0 * * * 30',
    'l-5 * * * *', '* * l-5 * *', '* * l * *', '* * L * *', '* * 1-l * *', 'a * * * *', '60 * * * *', '5-1 * * * *', 'fri-sun * * * 5-0',
    '* * * * 5-0', '* * * * fri-sun', '*/0 * * * *', '-1 * * * *', '* * 0 * *', '* * 0 * * *', '* * * 0 * *', '* * * * 7', '* * * * 7 0',
    '* * * * 8', 'h * * * *', 'H(0-5) * * * *', '1,,2 * * * *', '0-99 * * * *', '0/5 * * * *', 'a/5 * * * *', '5/a * * * *',
    '1-2-3 * * * *', '1--2 * * * *', '1-/2 * * * *', '*/ * * * *', 'JAN * * * *', '* * * JAN-mar *', '* * * * MON-fri', '* * * 0 *',
    '* * * 13 *', '0 0 0 0 0 0', '1/2/3 * * * *', '*/5/2 * * * *', '00-05 * * * *', '0-059 * * * *', '99999999999999999999-99999999999999999998 * * * *',
    '1-5/0 * * * *', '* * * * sun-sat', '* * * * 0-7', '* 24 * * *', '* * 32 * *', '*\t*\t*\t*\t*', '* * * * * * *', '5 4 * * sun,mon',
    '1,a * * * *', 'a,1 * * * *', '* * * dec-jan *', '* * * * 1#2', '* * * * l5'],
  expiration: ['2000-01-01T00:00:00Z', '2099-01-01T00:00:00Z', ' 2000-01-01 ', '2000-13-01', '2000-02-30', 'x', '0000-01-01',
    '2007-01-25T12:00:00+24:00', '2007-01-25T12:00:00-25:30', '0001-01-01T00:00+01:00', '9999-12-31T23:59-01:00',
    '2026-11-30T23:59:59Z', '2026-12-01T00:00:00+01:00', '2000-01-01T24:00', '2000-01-01T23:60', '2000-01-01T23:59:60',
    `2000-01-01T23:59:59.${'9'.repeat(28)}5`, '2000-01-01\n', '\u30002000-01-01', '2000', '200001', '9999-12-31T23:59:59.999999+00:00',
    '0001-01-01T00:00:00-00:01', '2000-01-01T00:00:00+00:99', '2000-01-01 é'],
  net_cidr: ['10.0.0.0/8', '10.0.0.1/8', '10.0.0.0', '10', '10/8', '10/16', '192.168', '192.168/16', '128', '224', '240', '300', '300.1',
    '-1.2', '010.0.0.0/8', '::/0', '::1/64', '::1', 'fe80::/10', '10.0.0.0/33', '10.0.0.0/255.0.0.0', '10.0.0.0/0.255.255.255',
    '10.0.0.0/255.0.255.0', '10.0.0.0/08', '', 'abc', '1.2.3.0/24 ', '::/129', '::ffff:1.2.3.0/120', '1.2.3.4/1/2', '::/1/2',
    '1.2.3.4/ 8', ' 10/8', '10.0.0.0/+8', '10.0.0.0/1_6', '1.2.3.4/999', '0.0.0.0/0', '0.0.0.0/0.0.0.0', '1.2.3.4/255.255.255.255',
    '::/ffff::', '::/::ffff', '1:2::/ffff:ff00::', '1.2.3', '1.2.3.4.5', '1.2.3.4.5/8', '0x1.2.3.4', '1..2/8', '10.0.0.0/', '/8',
    '10.0.0.0/-1', '1::2/64', '1:0:0:0:0:0:0:2/64', '::ffff:1.2.3.4', '::1.2.3.4/96', '255', '256', '127', '191', '223', '239',
    '99999999999.1', '1e1', '10.1', '10.0.0.0/32/', 'FE80::/10'],
  ip_or_cidr: ['10.0.0.0/8', '10.0.0.1/8', '1.2.3.4', '10/8', '010.0.0.0/8', '10.0.0.0/255.0.0.0', '::/64', '::1/128', '::1',
    '1:0:0:0:0:0:0:2/64', 'fe80::/10', 'FE80::/10', 'abc/8', '10.0.0.0/x', '1.2.3.4/33', '::/129', '10.0.0.0/ 8', '1.2.3.4/1/2',
    '1.2.3/24', '10.0.0.0/', '/', '/8', '1.2.3.4/08', '::ffff:1.2.3.4/120'],
};

/** the seeded generator (re-exported for the generators that import it from here) */
export { rng };

const ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Etc/GMT+5', 'Etc/GMT-14', 'UTC', 'GMT', 'Australia/Lord_Howe', 'America/Argentina/Salta', 'EST5EDT', 'US/Eastern', 'Antarctica/Troll', 'Europe/Kyiv', 'Europe/Kiev', 'America/Ciudad_Juarez', 'Pacific/Kanton'];

/** `count` values for one constraint: its edges, then random ones near its form */
export function valuesFor(name: string, count: number, seed: number): string[] {
  const r = rng(seed * 7919 + name.length * 31 + name.charCodeAt(0));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const int = (n: number) => Math.floor(r() * n);
  const out = [...EDGES[name]];
  const mutate = (s: string): string => {
    const k = int(s.length + 1);
    switch (int(6)) {
      case 0: return s.slice(0, k) + s.slice(k + 1);
      case 1: return s.slice(0, k) + pick(['/', '_', '-', '+', ' ', '0', '9', ':', '.', 'x', 'Z', ',', '*', 'l', '#']) + s.slice(k);
      case 2: return r() < 0.5 ? s.toLowerCase() : s.toUpperCase();
      case 3: return s.replace(/\+/g, '_plus_').replace(/-/g, '_minus_');
      default: return s;
    }
  };
  while (out.length < count) {
    let v: string;
    switch (name) {
      case 'timezone': v = mutate(pick(ZONES)); break;
      case 'cron_expression': {
        const field = () => pick(['*', '*/5', '0', '59', '60', '1-5', '5-1', '1-5/2', '0/15', 'jan', 'mon', 'sun-sat', 'fri-sun', 'l', '1,2', '1,,2', 'x', '-1', '7', '0-7', '32', '13', 'h', '*/0', '00', 'dec', '1-l', 'l-1', '2/', '/2']);
        const n = pick([4, 5, 5, 5, 6, 6, 7]);
        v = Array.from({ length: n }, field).join(' ');
        if (r() < 0.3) v = mutate(v);
        break;
      }
      case 'expiration': {
        const y = pick(['2000', '2026', '2027', '2099', '0000', '0001', '9999', '1999']);
        const mo = pick(['01', '12', '13', '00', '1', '02']);
        const d = pick(['01', '28', '29', '30', '31', '32', '1']);
        const time = pick(['', 'T00:00', 'T23:59:59', 'T24:00', 'T12:00:00.5', ' 12:00', 'T1200', 'T120000']);
        const tz = time ? pick(['', 'Z', '+01:00', '-23:59', '+24:00', '-0130', '+05', '+23:99']) : '';
        v = `${y}-${mo}-${d}${time}${tz}`;
        if (r() < 0.25) v = mutate(v);
        break;
      }
      default: {
        const v4 = () => Array.from({ length: pick([1, 2, 3, 4, 4, 4, 5]) }, () => pick(['0', '1', '10', '127', '128', '192', '224', '240', '255', '256', '010', '+1', '-0', '1_0', ''])).join('.');
        const v6 = () => pick(['::', '::1', 'fe80::', '1:2:3:4:5:6:7:8', '::ffff:1.2.3.4', '1::', ':::', '2001:db8::', 'FFFF::', 'g::']);
        const addr = r() < 0.65 ? v4() : v6();
        const suffix = pick(['', '', '/8', '/16', '/24', '/32', '/33', '/0', '/64', '/128', '/129', '/08', '/255.0.0.0', '/0.0.0.255', '/255.0.255.0', '/ffff::', '/x', '/', '/8/8', '/-1', '/ 8']);
        v = addr + suffix;
        if (r() < 0.15) v = mutate(v);
      }
    }
    out.push(v);
  }
  return out.slice(0, count);
}
