#!/usr/bin/python3
"""hunt42 labels: scripts/ansible-hunt38-label.py's, with the playbook first read as ansible-core's
DataLoader reads a file (parsing/utils/yaml.py from_yaml: JSON first, then its YAML loader; both
failing is an AnsibleParserError naming each error). hunt38's labeller built the documents with
AnsibleLoader alone, so a YAML error there was a crash of the labeller; here it is the playbook's
refusal at load (`load`: the message without the excerpt of the file), as ansible-playbook prints it.
Output: as hunt38's.
Usage: /usr/bin/python3 scripts/ansible-hunt42-label.py CASES.json > LABELS.jsonl
"""
import importlib.util
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('hunt38_label', os.path.join(HERE, 'ansible-hunt38-label.py'))
H38 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(H38)
H34 = H38.H34
H26 = H34.H29.H26

from ansible.errors import AnsibleParserError  # noqa: E402
from ansible.parsing.utils.yaml import from_yaml  # noqa: E402

label38 = H26.label


def label(text):
    try:
        from_yaml(text, file_name='playbook.yml')
    except AnsibleParserError as e:
        return {'load': H34.H25.words(e), 'tasks': []}
    return label38(text)


H26.label = label

if __name__ == '__main__':
    H26.main(sys.argv[1])
