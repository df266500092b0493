/**
 * Simulated durations in integer milliseconds (integers keep the virtual clock exact: no
 * floating drift, so the same input prints the same times). "code" values come from
 * upstream constants, "assumed" ones are the latencies of attach-flow.md §h.
 */
import type { Profile } from '../types';

export const T = {
  // assumed (h #19-#28)
  rest: 100, // nova -> Cinder REST call
  reserveName: 200, // reserve_block_device_name round trip
  connector: 200, // get_connector_properties
  cast: 50, // RPC cast until the compute manager picks it up
  terminate: 1000, // attachment_delete with a backend terminate
  login: 500, // a successful iSCSI login
  lunAfterScan: 1000, // LUN visible after the first scan
  dmAfterPath: 1000, // dm creation after the second path / multipathd add path
  attachDevice: 500, // libvirt attachDeviceFlags
  nfsMount: 500,
  createBlank: 2000, // blank/snapshot volume create -> available
  checkMultipath: 50, // `multipathd show status` / lock and node-record bookkeeping
  detachDevice: 500, // libvirt detach (device-removed event)
  disconnect: 500, // os-brick disconnect_volume
  conductorSave: 500, // kilo_prefix: BDM save through nova-conductor after os-attach
  spawn: 1000, // define + start the domain at boot
  cryptsetup: 200, // os-brick encryptor: cryptsetup open/create and the symlink swap
  // code (open-iscsi iscsid.conf, os-brick)
  loginTimeout: 120_000, // 15 s login_timeout x 8 initial_login_retry_max
  loginRefused: 100, // a portal that refuses fails fast (assumed)
  fcTick: 2000,
  mpathGrace: 10_000,
  poll: 1000,
  // libvirt src/qemu/qemu_hotplug.c: virDomainDetachDeviceFlags waits this long for QEMU's
  // DEVICE_DELETED before it returns 0 with the removal still pending
  qemuUnplugWait: 5000,
  detachPersistent: 100, // detach from the persistent (inactive) config: synchronous (assumed)
  // nova/conf/libvirt.py (Nova >= 24): [libvirt]device_detach_timeout, device_detach_attempts
  deviceDetachTimeout: 20_000,
  deviceDetachAttempts: 8,
  // nova/virt/libvirt/guest.py detach_device_with_retry (Nova 15-22): oslo.service
  // RetryDecorator(max_retry_count=7, inc_sleep_time=2, max_sleep_time=30)
  detachRetryMax: 7,
  detachRetryInc: 2000,
  detachRetryMaxSleep: 30_000,
};

/** What differs between the release profiles (attach-flow.md §0). */
export interface ProfileFacts {
  /** new-style attachments (3.44) rather than os-reserve / os-initialize_connection / os-attach */
  newFlow: boolean;
  /** os-brick retry decorator waits before attempts 2 and 3 */
  retryWaits: [number, number];
  /** multipathd checked in connect_volume (modern) rather than in get_connector_properties */
  multipathCheckInConnect: boolean;
  /** connector carries enforce_multipath, Cinder copies it into connection_info */
  enforceMultipathKey: boolean;
  /** `<alias name="ua-…">` in the disk XML (Nova >= 29) */
  alias: boolean;
  /** attachment_update attempts on HTTP 500/504 (Nova >= 29: 5) */
  updateAttempts: number;
  /** Cinder >= 27 keeps 400/409 codes on attachment_update; older answers 500 to all */
  cinderKeepsCodes: boolean;
  /** multipath -C readiness wait (os-brick >= 6.9) */
  waitForMpathDevice: boolean;
  /** os-brick >= 1.14: parallel logins and sysfs scanning; older: by-path devices */
  refactoredIscsi: boolean;
  /** os_type from sys.platform: Python 3 "linux", Python 2 "linux2" */
  osType: string;
  /** BDM connection_info saved before the call that sets in-use (false only for kilo_prefix) */
  saveBeforeInUse: boolean;
  /** compute detach_volume takes the instance lock */
  detachTakesLock: boolean;
  /** who runs the host-side connect */
  brickActor: string;
  /** microversion at which nova-api answers 202 and casts to the conductor */
  asyncMicroversion: number | null;
  /** Nova reads volumes at this Cinder microversion (shared_targets tri-state needs 3.69) */
  volumeReadMicroversion: string;
  /**
   * libvirt volume detach: `events` = `_detach_with_retry` (Nova >= 24: persistent config, then
   * live detach waiting for DEVICE_REMOVED, device_detach_attempts tries); `retry_decorator` =
   * `detach_device_with_retry` (Nova 15-22); `single` = one detachDeviceFlags (Juno)
   */
  detachLoop: 'events' | 'retry_decorator' | 'single';
}

export function profileFacts(p: Profile): ProfileFacts {
  switch (p) {
    case 'modern':
      return {
        newFlow: true,
        retryWaits: [1000, 2000],
        multipathCheckInConnect: true,
        enforceMultipathKey: true,
        alias: true,
        updateAttempts: 5,
        cinderKeepsCodes: true,
        waitForMpathDevice: true,
        refactoredIscsi: true,
        osType: 'linux',
        saveBeforeInUse: true,
        detachTakesLock: true,
        brickActor: 'os-brick',
        asyncMicroversion: 101,
        volumeReadMicroversion: '3.69',
        detachLoop: 'events',
      };
    case 'queens_to_2024_2':
      // Modelled as Nova <= 28 with os-brick >= 3.1 (single attachment_update attempt, 1 s/2 s
      // waits): the new flow without the later multipath checks, aliases and async attach.
      return {
        ...profileFacts('modern'),
        multipathCheckInConnect: false,
        enforceMultipathKey: false,
        alias: false,
        updateAttempts: 1,
        cinderKeepsCodes: false,
        waitForMpathDevice: false,
        asyncMicroversion: null,
        volumeReadMicroversion: '3.48',
      };
    case 'ocata_legacy':
      return {
        newFlow: false,
        retryWaits: [2000, 4000],
        multipathCheckInConnect: false,
        enforceMultipathKey: false,
        alias: false,
        updateAttempts: 1,
        cinderKeepsCodes: false,
        waitForMpathDevice: false,
        refactoredIscsi: false,
        osType: 'linux2',
        saveBeforeInUse: true,
        detachTakesLock: true,
        brickActor: 'os-brick',
        asyncMicroversion: null,
        volumeReadMicroversion: '3.0',
        detachLoop: 'retry_decorator',
      };
    case 'kilo_prefix':
      // Ocata's legacy flow, older still: the BDM is saved after the volume turns in-use (the
      // detach race), detach takes no lock, and Nova's own libvirt iSCSI code does the host
      // work (no os-brick before Liberty).
      return {
        ...profileFacts('ocata_legacy'),
        saveBeforeInUse: false,
        detachTakesLock: false,
        brickActor: 'nova-compute',
        volumeReadMicroversion: '2',
        detachLoop: 'single',
      };
  }
}

/** Seconds with at most three decimals, for output (the clock counts integer ms). */
export function sec(ms: number): number {
  return Math.round(ms) / 1000;
}
