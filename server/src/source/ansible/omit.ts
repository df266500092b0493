/** bdm-lab's stand-in for Ansible's omit token (`__omit_place_holder__` and a random sha1 per run) */
export const OMIT_TOKEN = '__omit_place_holder__bdm-lab';
