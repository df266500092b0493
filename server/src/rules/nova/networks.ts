/**
 * The requested networks, checked between the image and the block devices (upstream: nova/api/
 * openstack/compute/servers.py _get_requested_networks, called by create after
 * _image_from_req_data; then nova/compute/api.py API.create before _create_instance): a port
 * named twice or with a fixed IP, at 2.0 a tag a string field cannot take, a network without a well-formed uuid, and, for more than one
 * instance, a fixed IP, a port or a hostname that cannot be shared. Their rows sit in the image
 * stage's list (imageRef.ts), after the missing imageRef and before the image lookups.
 */
import { uuid as isUuidLike } from '../formats.cjs';
import { mvMinor } from '../../model/context';
import { pathString } from '../finding';
import { IMAGE_REF } from './imageRef';
import type { Judging } from './judging';

type Net = Record<string, unknown>;

/** the keys of a network the 2.0 schema knows (no tag): the /v2 endpoint strips the others */
const V2_NET_KEYS = new Set(['fixed_ip', 'port', 'uuid']);

/**
 * The tag the controller sets on the NetworkRequest, when it is one a string field cannot take (a
 * list or an object: oslo's coercion raises ValueError). Only 2.0 lets such a tag through: its
 * soft check strips unknown keys, but leaves a non-empty object whose keys are all unknown whole;
 * 2.1-2.31 refuse tag, later versions' schema makes it a string.
 */
function uncoercibleTag(n: Net, legacyV2: boolean): boolean {
  if (!legacyV2 || !Object.prototype.hasOwnProperty.call(n, 'tag')) return false;
  if (Object.keys(n).some((k) => V2_NET_KEYS.has(k))) return false; // then tag is stripped
  return n.tag !== null && typeof n.tag === 'object';
}

type NetCode = 'BDM-API-NETWORK-TAG-TYPE' | 'BDM-API-NETWORK-PORT-TWICE' | 'BDM-API-NETWORK-PORT-FIXED-IP' | 'BDM-API-NETWORK-MISSING-UUID' | 'BDM-API-NETWORK-UUID-FORMAT';

/** _get_requested_networks: the first refusal, in the order of the list */
function controllerRefusal(nets: Net[], legacyV2: boolean): { code: NetCode; i: number; key: string; args: Record<string, string> } | null {
  // a set (SameValueZero, as includes): thousands of ports compared pairwise would freeze the check
  const ports = new Set<unknown>();
  for (const [i, n] of nets.entries()) {
    // the request's address, port and tag are set before the port or uuid is looked at
    if (uncoercibleTag(n, legacyV2)) return { code: 'BDM-API-NETWORK-TAG-TYPE', i, key: 'tag', args: {} };
    const port = n.port;
    if (port) {
      if (ports.has(port)) return { code: 'BDM-API-NETWORK-PORT-TWICE', i, key: 'port', args: { port: String(port) } };
      if (n.fixed_ip !== undefined && n.fixed_ip !== null) return { code: 'BDM-API-NETWORK-PORT-FIXED-IP', i, key: 'fixed_ip', args: { addr: String(n.fixed_ip), port: String(port) } };
      ports.add(port);
    } else if (!('uuid' in n)) return { code: 'BDM-API-NETWORK-MISSING-UUID', i, key: '', args: {} };
    else if (typeof n.uuid !== 'string' || !isUuidLike(n.uuid)) return { code: 'BDM-API-NETWORK-UUID-FORMAT', i, key: 'uuid', args: { uuid: String(n.uuid) } };
  }
  return null;
}

/**
 * The request's address is a netaddr IPAddress by then, and one whose value is 0 (`0.0.0.0`, `::`,
 * `0::0`, `::0.0.0.0`) is false: compute's "fixed IP for several instances" check passes over it.
 * The schema has already made it an IPv4 or IPv6 address, so its value is 0 exactly when it has no
 * digit but 0 (hex or decimal).
 */
function zeroAddress(ip: unknown): boolean {
  return typeof ip === 'string' && !/[1-9a-fA-F]/.test(ip);
}

export function checkNetworks(j: Judging): void {
  if (j.inp.schemaBad.size || j.stop) return;
  const doc = j.doc;
  const raw = j.sv('networks');
  const nets = Array.isArray(raw) ? raw.filter((n): n is Net => !!n && typeof n === 'object' && !Array.isArray(n)) : [];
  if (Array.isArray(raw) && nets.length !== raw.length) return;
  const bad = nets.length ? controllerRefusal(nets, j.inp.legacyV2) : null;
  if (bad) {
    const path = ['server', 'networks', bad.i, ...(bad.key ? [bad.key] : [])];
    j.push({ code: bad.code, span: doc.locate(path, bad.key ? 'value' : 'whole') ?? j.serverKey(), entry: null, path: pathString(path), args: bad.args, order: IMAGE_REF.wide(bad.code) });
    j.stop = true;
    return;
  }
  const { maxC } = j.minMax();
  if (maxC <= 1) return;
  const count = doc.locate(['server', 'max_count'], 'key') ?? doc.locate(['server', 'min_count'], 'key') ?? j.serverKey();
  const withIp = nets.findIndex((n) => !n.port && n.uuid && n.fixed_ip && !zeroAddress(n.fixed_ip));
  const withPort = nets.findIndex((n) => n.port);
  // the controller reads hostname from 2.90 only (before, 2.0's endpoint strips the key and 2.1-2.89's schema refuses it)
  const hostname = mvMinor(j.ctx.microversion) >= 90 ? j.sv('hostname') : undefined;
  const code = withIp >= 0 ? 'BDM-COMPUTE-MULTI-FIXED-IP' : withPort >= 0 ? 'BDM-COMPUTE-MULTI-PORT' : hostname ? 'BDM-COMPUTE-MULTI-HOSTNAME' : null;
  if (!code) return;
  j.push({ code, span: count, entry: null, path: 'server.max_count', order: IMAGE_REF.wide(code) });
  j.stop = true;
}
