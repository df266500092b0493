/**
 * Hunt 42: scripts run by dash (`#!/bin/sh`) or bash (`#!/bin/bash`) around `openstack server
 * create` with block devices, in the shapes hunt 41 left: `while read` loops fed by a pipeline
 * (`printf … | while read`, `echo … | while read`, the names set inside read after the loop: a
 * subshell in both shells), by bash's `< <(printf …)` (under `#!/bin/sh`: dash's syntax error) or
 * by a file (`< vols.txt`: absent where the labeller runs); bash's subscript assignments
 * (`A[3]=x`, `A[N]=x`, `A[i+1]=x`), `declare -a`, `declare -A` and `unset 'A[1]'`; loops inside a
 * loop that runs once (`for s in 1`, `for s in "$ONE"`, `while :; do …; break; done`); retry
 * loops (`until openstack …`, `for i in 1 2 3; do openstack … && break; done`, `openstack … ||
 * continue`) whose later passes differ or not. Labelled by scripts/osc-hunt34-label.py, compared
 * by scripts/osc-hunt34-difftest.ts. Every loop it writes ends. Seeded.
 * Usage: node --import tsx scripts/osc-hunt42-gen.ts N SEED > cases.json
 */
import { rng } from './prng.mjs';

const n = Number(process.argv[2] ?? 300);
const rand = rng(Number(process.argv[3] ?? 42));
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
    `--image cirros --block-device-mapping vdb=${v}:volume:${s}:${pick(['true', 'false', ''])}`,
    `--volume ${v}`, `--snapshot ${v}`, `--image cirros --swap ${s}`, `--image cirros --ephemeral size=${s}`,
    `--image cirros --boot-from-volume ${s}`,
  ]);
}
const create = (name: string, v: string, s: string) => `${head()} ${bdm(v, s)} ${name}`;
const LINES = () => pick([
  ['vol1 1', 'vol2 2'], ['vol1 1', '', 'vol2 0'], ['  vol3   3  ', 'vol4'], ['vol1 1 extra', 'vol2 2'],
  ['vol1 1', 'skip 9', 'vol2 2'], ['vol1 5', 'stop 0', 'vol2 2'], ['vol1 -1', 'vol2 x'], ['vol1'],
]);
const body = (k: string, v = '$v', s = '$s') => pick([
  create(`vm${k}-${v}`, v, s),
  `[ "${v}" = skip ] && continue; ${create(`vm${k}-${v}`, v, s)}`,
  `[ "${v}" = stop ] && break; ${create(`vm${k}-${v}`, v, s)}`,
  `n=$((n+1)); last=${v}; ${create(`vm${k}-$n`, v, s)}`,
]);

/** (1) while read fed by a pipeline, a process substitution or a file */
function fed(k: string): string {
  const ls = LINES();
  const fmt = ls.join('\\n');
  const after = `\n${H} --image cirros --swap \${s:-1} last${k}-$v-$n-\${last:-none}`;
  return pick([
    `printf '${fmt}\\n' | while read -r v s; do ${body(k)}; done${after}`,
    `printf '%s\\n' ${ls.map((l) => `'${l}'`).join(' ')} | while read -r v s; do ${body(k)}; done${after}`,
    `echo "${ls[0]}" | while read v s; do ${body(k)}; done${after}`,
    `printf '${fmt}' | while read -r v s; do ${body(k)}; done${after}`,
    `printf '${fmt}\\n' | while IFS= read -r line; do v=\${line%% *}; s=\${line##* }; ${create(`vm${k}-$v`, '$v', '$s')}; done${after}`,
    `while read -r v s; do ${body(k)}; done < <(printf '${fmt}\\n')${after}`,
    `while read -r v s; do ${body(k)}; done < vols.txt${after}`,
    `while read -r v s; do ${body(k)}; done <vols-${k}.list${after}`,
    `printf '${fmt}\\n' | { while read -r v s; do ${body(k)}; done; ${H} --image cirros in-group${k}-$v-$n; }${after}`,
    `cat <<EOF | while read -r v s; do ${body(k)}; done\n${ls.join('\n')}\nEOF${after}`,
    `seq 1 2 | while read -r s; do ${create(`vm${k}-$s`, 'vol$s', '$s')}; done${after}`,
  ]);
}

/** (2) bash subscript assignments, declare and unset (under #!/bin/sh too) */
function arrays(k: string): string {
  return pick([
    `vols[0]=vol1\nvols[3]=vol3\n${create(`vm${k}-\${#vols[@]}`, '${vols[3]}', '${#vols[@]}')}`,
    `A=(vol1 vol2 vol3)\nA[1]=volX\n${create(`vm${k}-\${A[*]}`, '${A[1]}', '${#A[@]}')}`,
    `A=(vol1 vol2 vol3)\nunset 'A[1]'\n${create(`vm${k}-\${#A[@]}`, '${A[2]}', '${#A[@]}')}\nfor v in "\${A[@]}"; do ${create(`vm${k}-$v`, '$v', '1')}; done`,
    `A=(vol1 vol2)\nunset A[0]\n${create(`vm${k}-\${#A[@]}`, '${A[1]}', '2')}`,
    `declare -a vols=(vol1 vol2)\nvols[5]=vol5\n${create(`vm${k}-\${#vols[@]}`, '${vols[5]}', '${#vols[@]}')}`,
    `declare -a vols\nvols+=(vol1)\nvols[1]=vol2\n${create(`vm${k}`, '${vols[1]}', '${#vols[@]}')}`,
    `declare -A sz=([vol1]=1 [vol2]=0)\nfor v in vol1 vol2; do ${create(`vm${k}-$v`, '$v', '${sz[$v]}')}; done`,
    `declare -A sz\nsz[vol1]=2\nsz[vol2]=5\n${create(`vm${k}`, 'vol1', '${sz[vol1]}')}`,
    `i=0\nfor v in vol1 vol2; do A[i]=$v; i=$((i+1)); done\n${create(`vm${k}-\${#A[@]}`, '${A[1]}', '$i')}`,
    `A=(1 2)\nA[N]=5\n${create(`vm${k}-\${A[*]}`, 'vol1', '${A[$N]}')}`,
    `A=(1 2)\nA[-1]=7\n${create(`vm${k}-\${A[*]}`, 'vol1', '${A[1]}')}`,
    `A=(vol1)\nA[1]+=x\nA[0]+=y\n${create(`vm${k}-\${A[*]}`, '${A[0]}', '1')}`,
    `A=(vol1 vol2)\nunset A\nA[2]=vol3\n${create(`vm${k}-\${#A[@]}`, '${A[2]}', '1')}`,
  ]);
}

/** (3) loops inside a loop that runs once */
function once(k: string): string {
  const c = (nm: string, v: string, s: string) => create(nm, v, s);
  return pick([
    `for s in 1; do for d in vol1 vol2; do ${c(`vm${k}-$s-$d`, '$d', '$s')}; done; done`,
    `for s in "$ONE"; do for d in vol1 vol2; do [ $d = vol2 ] && break 2; ${c(`vm${k}-$s-$d`, '$d', '$s')}; done; done`,
    `for s in $SIZE; do n=0; while [ $n -lt 2 ]; do n=$((n+1)); ${c(`vm${k}-$s-$n`, 'vol$n', '$s')}; done; done`,
    `while :; do for d in vol1 vol2; do ${c(`vm${k}-$d`, '$d', '$SIZE')}; done; break; done`,
    `while true; do for d in vol1 vol2; do [ $d = vol2 ] && break 2; ${c(`vm${k}-$d`, '$d', '$SIZE')}; done; break; done`,
    `for s in 2; do while read -r v; do ${c(`vm${k}-$v`, '$v', '$s')}; done <<EOF\nvol1\nvol2\nEOF\ndone`,
    `until false; do for s in 1 2; do ${c(`vm${k}-$s`, 'vol$s', '$s')}; done; break; done`,
    `for a in x; do for b in y; do for d in vol1 vol2; do ${c(`vm${k}-$a$b-$d`, '$d', '$SIZE')}; done; done; done`,
  ]) + `\n${H} --image cirros last${k}-$s-$d-$n`;
}

/** (4) retry loops whose openstack status the text does not tell */
function retry(k: string): string {
  const c = (nm: string, s = '$SIZE') => create(nm, '$VOL', s);
  return pick([
    `until ${c(`vm${k}`)}; do sleep 0; done`,
    `until ${c(`vm${k}`)}; do n=$((n+1)); done\n${H} --image cirros last${k}-$n`,
    `for i in 1 2 3; do ${c(`vm${k}`)} && break; sleep 0; done\n${H} --image cirros last${k}`,
    `for i in 1 2 3; do ${c(`vm${k}-$i`)} && break; sleep 0; done`,
    `for i in 1 2 3; do ${c(`vm${k}`)} && break; done\n${H} --image cirros last${k}-$i`,
    `for s in 1 2; do ${c(`vm${k}`, '$s')} || continue; break; done`,
    `for d in vol1 vol2; do if ${create(`vm${k}`, '$d', '1')}; then break; fi; done`,
    `while ! ${c(`vm${k}`)}; do sleep 0; done && ${H} --image cirros after${k}`,
    `ok=no\nuntil ${c(`vm${k}`)}; do :; done\nok=yes\n${H} --image cirros last${k}-$ok`,
    `tries=0\nuntil ${c(`vm${k}`)}; do tries=$((tries+1)); [ $tries -ge 3 ] && exit 1; done`,
  ]);
}

const cases: Array<{ id: string; script: string }> = [];
for (let k = 0; k < n; k++) {
  const bash = chance(0.6);
  const lines: string[] = [bash ? '#!/bin/bash' : '#!/bin/sh', 'VOL=vol1', `SIZE=${pick(['1', '0', '5'])}`, `N=${pick(['0', '1', '2'])}`, 'ONE=3', 'n=0 s= d= v= last='];
  if (chance(0.1)) lines.push(`export OS_COMPUTE_API_VERSION=${pick(['2.67', '2.latest'])}`);
  if (chance(0.1)) lines.push('set -e');
  for (let j = 0, m = 1 + Math.floor(rand() * 2); j < m; j++) {
    const r = rand();
    const id = `${j + 1}`;
    lines.push(r < 0.35 ? fed(id) : r < 0.55 ? once(id) : r < 0.75 ? retry(id) : (bash || chance(0.25)) ? arrays(id) : create(`vm${id}`, '$VOL', '$SIZE'));
  }
  lines.push(`${H} --image cirros --min 1 last${k}`);
  cases.push({ id: `h42-${k}`, script: `${lines.join('\n')}\n` });
}
process.stdout.write(`${JSON.stringify(cases, null, 1)}\n`);

// (a module: its names are its own)
export {};
