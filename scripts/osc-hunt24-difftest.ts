/**
 * Hunt 24's differential test: for each script of scripts/osc-hunt24-generate.mjs (or a hand
 * table), the `openstack server create` and `server add volume` commands bdm-lab finds against
 * those bash ran (scripts/osc-hunt24-label.py: argv and the OS_COMPUTE_API_VERSION the program
 * saw). Each side is written `words @microversion => outcome` (the body's digest or OSC's
 * refusal): bash's runs as bdm-lab translates `openstack ARGV` given the value the program saw (the
 * translation itself is checked against the osc-oracle elsewhere), against bdm-lab's findings in
 * the script. A command bash runs more than once alike counts once, as
 * bdm-lab gives each distinct finding once; the lists are compared as sets. With -v, each script's two lists are printed.
 * The comparison: scripts/osc-difftest-lib.ts.
 * Usage: node --import tsx scripts/osc-hunt24-difftest.ts CASES.json ORACLE.json [-v]
 */
import { readFileSync } from 'node:fs';
import { findServerCreates } from '../server/src/source/oscCli';
import { compareWithBash, type OscBashRuns, type OscCase } from './osc-difftest-lib';

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8')) as OscCase[];
const oracle = JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, OscBashRuns & { rc: unknown }>;
compareWithBash(findServerCreates, cases, oracle, process.argv.includes('-v'));
