#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build icd10cm-outpatient-mh.json from a CMS ICD-10-CM order file.

Usage:
    python3 data/diagnoses/extract.py PATH/TO/icd10cm_order_2026.txt \
        [--release-note TEXT] [-o data/diagnoses/icd10cm-outpatient-mh.json]

The order file is the fixed-width text file inside the CMS "Code Descriptions
in Tabular Order" archive (and the identical NCHS "Code Descriptions" archive).
Its layout, as given in icd10OrderFiles.pdf of the same archive:

    position  length  contents
    1         5       order number, right justified, zero filled
    6         1       blank
    7         7       code, without the dot
    14        1       blank
    15        1       0 = header (not valid for HIPAA-covered transactions),
                      1 = valid for submission
    16        1       blank
    17        60      short description
    77        1       blank
    78        to end  long description

Every line is checked against that layout; a line that does not fit stops the
run, so a changed layout cannot produce plausible garbage. Descriptors are
copied as they are, only the padding of the short description and the line
ending removed. Nothing here is written by hand: the output is a function of
the order file alone (plus the optional release note).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

SOURCE_PAGE = "https://www.cms.gov/medicare/coding-billing/icd-10-codes"

# The selection, by three-character category: all of chapter 5 (F01-F99), and
# the Z categories for psychosocial circumstances (Z55-Z65) and for mental
# health services and counseling (Z69-Z71).
RANGES = [("F01", "F99"), ("Z55", "Z65"), ("Z69", "Z71")]

CODE = re.compile(r"^[A-Z][0-9A-Z]{2}[0-9A-Z]{0,4}$")
NAME = re.compile(r"icd10cm[_-]order[_-](?P<year>\d{4})\.txt$", re.IGNORECASE)


def dotted(code: str) -> str:
    return code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"


def in_ranges(code: str) -> bool:
    category = code[:3]
    return any(lo <= category <= hi for lo, hi in RANGES)


def parse(text: str, path: str) -> list[dict]:
    rows = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        order, code, flag = line[0:5], line[6:13].rstrip(), line[14:15]
        short, long = line[16:76], line[77:]
        if (
            len(line) < 78
            or not order.isdigit()
            or line[5] != " " or line[13] != " " or line[15] != " " or line[76] != " "
            or CODE.match(code) is None
            or line[6 + len(code):13].strip()
            or flag not in ("0", "1")
            or not short.strip()
            or not long.strip()
        ):
            sys.exit(f"{path}:{number}: the line does not fit the order-file columns")
        rows.append(
            {
                "order": int(order),
                "code": code,
                "billable": flag == "1",
                "short": short.rstrip(),
                "long": long.rstrip(),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("order_file", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    parser.add_argument(
        "--release-note",
        default="",
        help="which publication of the fiscal year this order file is (e.g. the October 1 release)",
    )
    parser.add_argument(
        "--obtained-from",
        default="",
        help="where this copy of the order file was taken from, for the record",
    )
    args = parser.parse_args()

    data = args.order_file.read_bytes()
    name = NAME.search(args.order_file.name)
    if name is None:
        sys.exit(f"{args.order_file.name}: not named like icd10cm_order_YYYY.txt; cannot tell the release")
    year = int(name["year"])
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as error:
        sys.exit(f"{args.order_file}: not ASCII ({error}); is this the CMS order file?")

    rows = parse(text, str(args.order_file))
    orders = [r["order"] for r in rows]
    if orders != sorted(orders) or len(set(r["code"] for r in rows)) != len(rows):
        sys.exit(f"{args.order_file}: order numbers not ascending or codes repeated")

    selected = [r for r in rows if in_ranges(r["code"])]
    codes = [
        {
            "code": dotted(r["code"]),
            "billable": r["billable"],
            "short": r["short"],
            "long": r["long"],
            "order": r["order"],
        }
        for r in selected
    ]

    out = {
        "comment": (
            "ICD-10-CM codes for outpatient mental health, extracted by data/diagnoses/extract.py "
            "from the CMS order file named in source; descriptors are the CMS short and long "
            "descriptions as published. billable: the order file's flag (1 = valid for submission "
            "on HIPAA-covered transactions; 0 = a header, never to be put on a claim). order: the "
            "order number in that file (tabular order). See data/diagnoses/README."
        ),
        "release": f"ICD-10-CM {year}",
        "fiscal_year": year,
        "release_note": args.release_note,
        "source": {
            "publisher": "Centers for Medicare & Medicaid Services (CMS)",
            "url": SOURCE_PAGE,
            "file": args.order_file.name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "lines": len(rows),
            "billable_lines": sum(r["billable"] for r in rows),
            "obtained_from": args.obtained_from,
        },
        "selection": [{"first": lo, "last": hi} for lo, hi in RANGES],
        "counts": {
            "codes": len(codes),
            "billable": sum(c["billable"] for c in codes),
            "headers": sum(not c["billable"] for c in codes),
        },
        "codes": codes,
    }
    # One code a line: the file stays readable and its diffs from one release
    # to the next show exactly the codes that changed.
    head = json.dumps({k: v for k, v in out.items() if k != "codes"}, indent=2, ensure_ascii=False)
    lines = ",\n".join("    " + json.dumps(c, ensure_ascii=False) for c in codes)
    encoded = head[:-2] + ',\n  "codes": [\n' + lines + "\n  ]\n}\n"
    json.loads(encoded)
    if args.output:
        args.output.write_text(encoded, encoding="utf-8")
    else:
        sys.stdout.write(encoded)


if __name__ == "__main__":
    main()
