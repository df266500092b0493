# A Terraform server booted from a volume made from an image
# (terraform-provider-openstack). The provider refuses this block before
# anything reaches Nova: an image->volume block_device needs volume_size.
# Ctrl+. on the squiggle adds it; hover the resource to see the body it sends.

variable "image_id" {
  default = "7d2b5e4f-6a1c-4b8e-9f0d-3c5a7e9b1d24"
}

resource "openstack_compute_instance_v2" "web" {
  name         = "web-1"
  flavor_name  = "m1.small"
  network_mode = "auto"

  block_device {
    uuid                  = var.image_id
    source_type           = "image"
    destination_type      = "volume"
    boot_index            = 0
    delete_on_termination = true
  }
}
