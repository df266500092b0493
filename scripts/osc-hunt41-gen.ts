/**
 * Hunt 41: scripts run by dash (`#!/bin/sh`) or bash (`#!/bin/bash`) around `openstack server
 * create` with block devices, in shapes hunt 40's generator did not write: `while read …; do …;
 * done <<EOF` loops (quoted and unquoted delimiters, `<<-`, `IFS=,`/`IFS=:`, blank and padded
 * lines, a `break`/`continue` on a line's value, a `case` on a field, more names than fields),
 * the same loop fed by a pipeline (`printf … | while read`), by `< <(…)` or by a file; nested
 * loops (`for` in `for`, `for` in `while`, `while read` around `for`) left by `break 2`,
 * `continue 2`, `break`/`continue` in the inner loop; retry loops whose `openstack` status the
 * text does not tell (`while ! openstack …`, `until openstack …`, `openstack … || …` in a loop);
 * and bash arrays (`A=(…)`, `A+=(…)`, `A[n]=…`, `"${A[@]}"`, `${A[n]}`, `${#A[@]}`, `${A[*]}`,
 * `${A[@]:1}`) building `--block-device`, `--volume`, `--block-device-mapping` (written under
 * `#!/bin/sh` too: dash's syntax error). Labelled by scripts/osc-hunt34-label.py; compared by
 * scripts/osc-hunt34-difftest.ts. Every loop it writes ends. Seeded.
 * Usage: node --import tsx scripts/osc-hunt41-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 300);
const rand = rng(Number(process.argv[3] ?? 41));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number) => rand() < p;

const H = 'openstack server create --flavor m1.small';
const head = () => `openstack ${pick(['', '', '', '--os-compute-api-version 2.67 ', '--os-compute-api-version 2.42 '])}server create --flavor m1.small`;

/** a block-device part built from the value v and size s (some Nova or OSC refuses) */
function bdm(v: string, s: string): string {
  return pick([
    `--image cirros --block-device uuid=${v},source_type=volume,destination_type=volume,boot_index=1`,
    `--block-device uuid=${v},source_type=volume,destination_type=volume,boot_index=0`,
    `--image cirros --block-device source_type=blank,destination_type=volume,volume_size=${s}`,
    `--image cirros --block-device source_type=blank,destination_type=local,guest_format=swap,volume_size=${s}`,
    `--image cirros --block-device uuid=${v},source_type=image,destination_type=volume,volume_size=${s},boot_index=0`,
    `--image cirros --block-device-mapping vdb=${v}:volume:${s}:${pick(['true', 'false', ''])}`,
    `--image cirros --block-device-mapping vdb=${v}:snapshot:${s}`,
    `--volume ${v}`, `--snapshot ${v}`, `--image cirros --swap ${s}`, `--image cirros --ephemeral size=${s}`,
    `--image cirros --boot-from-volume ${s}`,
  ]);
}
const create = (name: string, v: string, s: string) => `${head()} ${bdm(v, s)} ${name}`;
const LINES = () => pick([
  ['vol1 1', 'vol2 2'], ['vol1 1', '', 'vol2 0'], ['  vol3   3  ', 'vol4'], ['vol1 1 extra', 'vol2 2'],
  ['vol1 1', 'skip 9', 'vol2 2'], ['vol1 5', 'stop 0', 'vol2 2'], ['vol1 -1', 'vol2 x'], ['vol1', 'vol2 1', 'vol3 2', 'vol4 3'],
]);

/** (1) while read … done <<EOF, and the same loop fed otherwise */
function reads(k: string): string {
  const ls = LINES();
  const body = (v = '$v', s = '$s') => pick([
    create(`vm${k}-${v}`, v, s),
    `[ "${v}" = skip ] && continue; ${create(`vm${k}-${v}`, v, s)}`,
    `[ "${v}" = stop ] && break; ${create(`vm${k}-${v}`, v, s)}`,
    `if [ -z "${s}" ]; then continue; fi; ${create(`vm${k}-${v}`, v, s)}`,
    `case ${v} in skip) continue;; stop) break;; esac; ${create(`vm${k}-${v}`, v, s)}`,
    `n=$((n+1)); ${create(`vm${k}-$n`, v, s)}`,
  ]);
  const delim = pick(['EOF', "'EOF'", '"END"', 'EOF']);
  const close = delim.replace(/['"]/g, '');
  const doc = `${ls.join('\n')}\n${close}`;
  return pick([
    `n=0\nwhile read -r v s; do ${body()}; done <<${delim}\n${doc}\n${H} --image cirros last${k}-$v-$n`,
    `n=0\nwhile read v s\ndo\n  ${body()}\ndone <<${delim}\n${doc}`,
    `n=0\nwhile IFS=, read -r v s; do ${body()}; done <<${delim}\n${ls.map((l) => l.trim().replace(/ +/g, ',')).join('\n')}\n${close}`,
    `n=0\nwhile IFS=: read -r d v s; do ${H} --image cirros --block-device-mapping $d=$v:volume:$s vm${k}-$d; done <<${delim}\nvdb:vol1:1\nvdc:vol2:\n${close}`,
    `n=0\nwhile read -r v s; do ${body()}; done <<-${delim}\n\t${ls.join('\n\t')}\n\t${close}`,
    `n=0\nwhile read -r v s; do ${body()}; done <<EOF\n$VOL $SIZE\nvol2 2\nEOF`,
    `n=0\nwhile read -r v; do ${body('$v', '$SIZE')}; done <<${delim}\n${ls.map((l) => l.trim().split(/ +/)[0]).join('\n')}\n${close}`,
    `n=0\nprintf '${ls.join('\\n')}\\n' | while read -r v s; do ${body()}; done\n${H} --image cirros last${k}-$v`,
    `n=0\nwhile read -r v s; do ${body()}; done < /dev/null\n${H} --image cirros last${k}-$v`,
    `n=0\nwhile read -r v s; do cat >/dev/null; ${body()}; done <<${delim}\n${doc}`,
    `n=0\nwhile read -r v s; do for d in a b; do ${create(`vm${k}-$v$d`, '$v', '$s')}; done; done <<${delim}\n${doc}`,
    `n=0\nwhile read -r v s && [ "$v" != stop ]; do ${create(`vm${k}-$v`, '$v', '$s')}; done <<${delim}\n${doc}`,
  ]);
}

/** (2) nested loops and their jumps */
function nested(k: string): string {
  const c = (nm: string, v: string, s: string) => create(nm, v, s);
  return pick([
    `for s in 1 2 3; do for d in vol1 vol2; do ${c(`vm${k}-$s-$d`, '$d', '$s')}; done; done`,
    `for s in 1 2 3; do for d in vol1 vol2; do [ $s = 2 ] && continue 2; ${c(`vm${k}-$s-$d`, '$d', '$s')}; done; done`,
    `for s in 1 2 3; do for d in vol1 vol2; do [ $s = ${pick(['1', '2'])} ] && break 2; ${c(`vm${k}-$s-$d`, '$d', '$s')}; done; done`,
    `for s in 1 2 3; do for d in vol1 vol2; do [ $d = vol2 ] && break; ${c(`vm${k}-$s-$d`, '$d', '$s')}; done; done`,
    `for s in 1 2; do for d in vol1 vol2 vol3; do if [ $d = vol2 ]; then continue; fi; ${c(`vm${k}-$s-$d`, '$d', '$s')}; done; done`,
    `n=0\nwhile [ $n -lt 3 ]; do n=$((n+1)); for d in vol1 vol2; do [ $n = 2 ] && continue 2; ${c(`vm${k}-$n-$d`, '$d', '$n')}; done; done`,
    `n=0\nwhile [ $n -lt 3 ]; do n=$((n+1)); for d in vol1 vol2; do [ $d = vol2 ] && [ $n = 2 ] && break 2; ${c(`vm${k}-$n-$d`, '$d', '$n')}; done; done`,
    `for s in 1 2; do n=0; while [ $n -lt 2 ]; do n=$((n+1)); ${c(`vm${k}-$s-$n`, 'vol$n', '$s')}; done; done`,
    `for s in 1 2 3; do for d in a b; do for e in x y; do [ $e = y ] && continue 3; ${c(`vm${k}-$s$d$e`, 'vol$s', '$s')}; done; done; done`,
    `for s in 1 2; do for d in a b; do ${c(`vm${k}-$s$d`, 'vol$s', '$s')} && break; done; done`,
    `for s in 1 2 3; do case $s in 2) for d in a b; do [ $d = b ] && break 2; ${c(`vm${k}-$s$d`, 'vol$s', '$s')}; done;; *) ${c(`vm${k}-$s`, 'vol$s', '$s')};; esac; done`,
  ]) + `\n${H} --image cirros last${k}-$s-$d-$n`;
}

/** (3) retry loops whose openstack status the text does not tell */
function retry(k: string): string {
  const c = (nm: string) => create(nm, '$VOL', '$SIZE');
  return pick([
    `while ! ${c(`vm${k}`)}; do sleep 0; done`,
    `n=0\nwhile ! ${c(`vm${k}`)}; do n=$((n+1)); [ $n -ge 3 ] && break; done\n${H} --image cirros last${k}-$n`,
    `until ${c(`vm${k}`)}; do echo retry; done`,
    `for i in 1 2 3; do ${c(`vm${k}-$i`)} && break; echo retry $i; done\n${H} --image cirros last${k}-$i`,
    `ok=0\nfor i in 1 2; do if ${c(`vm${k}`)}; then ok=1; break; fi; done\n${H} --image cirros --min $((ok+1)) last${k}`,
    `while true; do ${c(`vm${k}`)} || { sleep 0; continue; }; break; done`,
    `n=0\nuntil ${c(`vm${k}-$n`)} || [ $n -ge 2 ]; do n=$((n+1)); done`,
    `while ! ${c(`vm${k}`)}; do :; done && ${H} --image cirros after${k}`,
  ]);
}

/** (4) bash arrays (also under #!/bin/sh: dash's syntax error) */
function arrays(k: string): string {
  return pick([
    `vols=(vol1 vol2 vol3)\n${create(`vm${k}`, '${vols[1]}', '${#vols[@]}')}`,
    `vols=(vol1 vol2)\nfor v in "\${vols[@]}"; do ${create(`vm${k}-$v`, '$v', '$SIZE')}; done`,
    `vols=(vol1 vol2)\nvols+=(vol3)\n${create(`vm${k}-\${#vols[@]}`, '${vols[2]}', '${#vols[@]}')}`,
    `BD=()\nfor v in vol1 vol2; do BD+=(--block-device "uuid=$v,source_type=volume,destination_type=volume"); done\n${H} --image cirros "\${BD[@]}" vm${k}`,
    `BD=(--block-device-mapping vdb=vol1:volume:1)\n${H} --image cirros "\${BD[@]}" --swap $SIZE vm${k}`,
    `sizes=(1 0 5)\n${create(`vm${k}`, '$VOL', '${sizes[$N]}')}`,
    `vols=(vol1 "vol 2")\n${H} --volume "\${vols[1]}" vm${k}`,
    `vols=(vol1 vol2)\n${H} --image cirros --block-device-mapping vdb=\${vols[*]}:volume vm${k}`,
    `vols[0]=vol1\nvols[2]=vol3\n${create(`vm${k}-\${#vols[@]}`, '${vols[2]}', '$SIZE')}`,
    `vols=(vol1 vol2 vol3)\nfor v in "\${vols[@]:1}"; do ${create(`vm${k}-$v`, '$v', '$SIZE')}; done`,
    `declare -a vols=(vol1 vol2)\n${create(`vm${k}`, '${vols[0]}', '$SIZE')}`,
  ]);
}

const cases: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const bash = chance(0.55);
  const lines: string[] = [bash ? '#!/bin/bash' : '#!/bin/sh', 'VOL=vol1', `SIZE=${pick(['1', '0', '5'])}`, `N=${pick(['0', '1', '2'])}`, 'n=0 s= d= v='];
  if (chance(0.1)) lines.push(`export OS_COMPUTE_API_VERSION=${pick(['2.67', '2.latest'])}`);
  if (chance(0.1)) lines.push('set -e');
  for (let j = 0, m = 1 + Math.floor(rand() * 2); j < m; j++) {
    const r = rand();
    const id = `${j + 1}`;
    // (arrays mostly under bash)
    lines.push(r < 0.35 ? reads(id) : r < 0.6 ? nested(id) : r < 0.75 ? retry(id) : (bash || chance(0.3)) ? arrays(id) : create(`vm${id}`, '$VOL', '$SIZE'));
  }
  lines.push(`${H} --image cirros --min 1 last${k}`);
  cases.push({ id: `h41-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);

// (a module: its names are its own)
export {};
