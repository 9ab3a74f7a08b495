"""Oracle for bucketize's name parsing: the size-from-name rule of the
tracked-models registry (metadata/model_sizes.py) as its docs state it,
plus bucketize(1)'s M rule (millions, only when no B token).  Reads model ids on
stdin, writes "id<TAB>size" with an empty size when none is found."""
import re
import sys

B = [r'[-_](\d+\.?\d*)B[-_]', r'[-_](\d+\.?\d*)B$', r'^(\d+\.?\d*)B[-_]']


def size(model_id):
    name = model_id.split('/')[-1]
    for unit, scale in (('B', 1.0), ('M', 1000.0)):
        for pattern in B:
            m = re.search(pattern.replace('B', unit), name, re.IGNORECASE)
            if m:
                return float(m.group(1)) / scale
    return None


def fmt(v):
    if v is None:
        return ''
    s = '%.9f' % v
    return s.rstrip('0').rstrip('.')


for line in sys.stdin:
    mid = line.rstrip('\n')
    print('%s\t%s' % (mid, fmt(size(mid))))
