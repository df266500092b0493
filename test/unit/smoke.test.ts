import { test } from 'node:test';
import assert from 'node:assert/strict';
import { driverClassOf } from '../../server/src/nova/types';
test('driver class of image->local', () => {
  assert.equal(driverClassOf({ entry: 0, source_type: 'image', destination_type: 'local', guest_format: null, boot_index: 0, device_name: null, disk_bus: null, device_type: null, volume_size: null, uuid: 'x', no_device: false, delete_on_termination: false, volume_type: null, tag: null }), 'DriverImageBlockDevice');
});
