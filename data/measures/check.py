#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check data/measures/*.json against the rules of measure.schema.json and
the rules a schema cannot state.

Usage: python3 data/measures/check.py [FILE.json ...]   (default: every measure here)

Standard library only. Checks:
  - required keys and known keys (the schema's required/additionalProperties);
  - ids unique: measure ids across files, item ids and source ids within one;
  - every source reference (text_source, statement_source, ...) names a source;
  - every answer score is an integer, and null only on an unscored item;
  - scoring.items name scored items; min/max equal the sums of the lowest and
    highest option scores over those items;
  - bands are contiguous from scoring.min to scoring.max, without gaps or overlaps;
  - alerts, subscales and cutoffs refer to existing items and lie within range;
  - a derived measure refers to existing measures and existing scored items,
    and its min/max match theirs.
Prints one line per problem and "N passed, N failed" (one per file); exits 1
on any problem.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMA = json.loads((HERE / "measure.schema.json").read_text(encoding="utf-8"))


def schema_keys(measure: dict, problems: list[str]) -> None:
    props = SCHEMA["properties"]
    for key in SCHEMA["required"]:
        if key not in measure:
            problems.append(f"missing key {key!r}")
    for key in measure:
        if key not in props:
            problems.append(f"unknown key {key!r}")
    kind = measure.get("kind")
    if kind not in props["kind"]["enum"]:
        problems.append(f"kind {kind!r} unknown")
    if kind == "questionnaire":
        for key in ("text_source", "instructions", "instructions_source", "time_frame", "options", "items"):
            if key not in measure:
                problems.append(f"a questionnaire needs {key!r}")
    if kind == "derived":
        if "components" not in measure:
            problems.append("a derived measure needs 'components'")
        if "items" in measure:
            problems.append("a derived measure references items; it has none of its own")
    for key in ("name", "bands_source"):
        if not isinstance(measure.get(key), str) or not measure.get(key):
            problems.append(f"{key!r} must be a non-empty string")
    for key in ("citation", "missing"):
        if not isinstance(measure.get(key), list):
            problems.append(f"{key!r} must be a list")


def options_range(options: list[dict], scored: bool, where: str, problems: list[str]) -> tuple[int, int]:
    scores = []
    if not isinstance(options, list) or len(options) < 2:
        problems.append(f"{where}: needs at least two options")
        return (0, 0)
    labels = [o.get("label") for o in options]
    if len(set(labels)) != len(labels):
        problems.append(f"{where}: option labels repeat")
    for option in options:
        score = option.get("score", "absent")
        if scored:
            if not isinstance(score, int) or isinstance(score, bool):
                problems.append(f"{where}: option {option.get('label')!r} needs an integer score")
                continue
            scores.append(score)
        elif score is not None and not isinstance(score, int):
            problems.append(f"{where}: option {option.get('label')!r} score must be an integer or null")
    if scored and len(set(scores)) != len(scores):
        problems.append(f"{where}: option scores repeat")
    return (min(scores), max(scores)) if scores else (0, 0)


def check_bands(measure: dict, lo: int, hi: int, problems: list[str]) -> None:
    bands = measure.get("bands", [])
    ids = [b.get("id") for b in bands]
    if len(set(ids)) != len(ids):
        problems.append("band ids repeat")
    if not bands:
        return
    expected = lo
    for band in bands:
        if band["min"] > band["max"]:
            problems.append(f"band {band['id']}: min above max")
        if band["min"] < expected:
            problems.append(f"band {band['id']}: overlaps the band before it (starts at {band['min']}, expected {expected})")
        elif band["min"] > expected:
            problems.append(f"band {band['id']}: gap before it ({expected}..{band['min'] - 1} in no band)")
        expected = band["max"] + 1
    if expected - 1 != hi:
        problems.append(f"bands end at {expected - 1}, the score's maximum is {hi}")


def check_questionnaire(measure: dict, problems: list[str]) -> dict[str, tuple[int, int]]:
    """Returns the score range of each scored item."""
    items = measure.get("items", [])
    ids = [i.get("id") for i in items]
    if len(set(ids)) != len(ids):
        problems.append("item ids repeat")
    numbers = [i["number"] for i in items if "number" in i]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append("item numbers are not 1..n in order")
    default = measure.get("options", [])
    ranges = {}
    for item in items:
        scored = item.get("scored", True)
        where = f"item {item.get('id')}"
        if not item.get("text"):
            problems.append(f"{where}: no text")
        ranges_item = options_range(item.get("options", default), scored, where, problems)
        if scored:
            ranges[item["id"]] = ranges_item
    options_range(default, True, "measure options", problems)
    return ranges


def check(measure: dict, path: Path, catalogue: dict[str, dict], item_ranges: dict[str, dict]) -> list[str]:
    problems: list[str] = []
    schema_keys(measure, problems)
    if problems and ("scoring" not in measure or "sources" not in measure):
        return problems
    source_ids = [s.get("id") for s in measure["sources"]]
    if len(set(source_ids)) != len(source_ids):
        problems.append("source ids repeat")
    for s in measure["sources"]:
        for key in ("id", "what", "where"):
            if not s.get(key):
                problems.append(f"source {s.get('id')!r}: no {key!r}")
    refs = [measure.get("text_source"), measure.get("instructions_source")] + list(measure.get("verified_against", []))
    statement_source = measure["licence"].get("statement_source")
    if statement_source not in catalogue or measure["kind"] != "derived":
        refs.append(statement_source)
    for ref in refs:
        if ref is not None and ref not in source_ids:
            problems.append(f"{ref!r} names no source of this file")

    scoring = measure["scoring"]
    if scoring.get("method") != "sum":
        problems.append("scoring.method must be 'sum'")
    if len(set(scoring["items"])) != len(scoring["items"]):
        problems.append("scoring.items repeat")

    if measure["kind"] == "questionnaire":
        ranges = check_questionnaire(measure, problems)
        for ref in scoring["items"]:
            if ref not in ranges:
                problems.append(f"scoring item {ref!r} is not a scored item")
        unscored_in_total = set(ranges) - set(scoring["items"])
        if unscored_in_total:
            problems.append(f"scored items left out of the total: {sorted(unscored_in_total)}")
        lo = sum(ranges[r][0] for r in scoring["items"] if r in ranges)
        hi = sum(ranges[r][1] for r in scoring["items"] if r in ranges)
        resolve = lambda ref: ref if ref in ranges else None
    else:
        ranges = {}
        for component in measure.get("components", []):
            other = component["measure"]
            if other not in item_ranges:
                problems.append(f"component {other!r}: no such measure")
                continue
            for item in component["items"]:
                if item not in item_ranges[other]:
                    problems.append(f"component {other!r}: no scored item {item!r}")
                else:
                    ranges[f"{other}:{item}"] = item_ranges[other][item]
        for ref in scoring["items"]:
            if ref not in ranges:
                problems.append(f"scoring item {ref!r} is not among the components' items")
        lo = sum(ranges[r][0] for r in scoring["items"] if r in ranges)
        hi = sum(ranges[r][1] for r in scoring["items"] if r in ranges)
        for component in measure.get("components", []):
            other = catalogue.get(component["measure"])
            if other and set(component["items"]) != set(other["scoring"]["items"]):
                problems.append(f"component {component['measure']!r}: takes only part of that measure's total")
        resolve = lambda ref: ref if ref in ranges else None

    if (scoring["min"], scoring["max"]) != (lo, hi):
        problems.append(f"scoring range {scoring['min']}..{scoring['max']} but the items give {lo}..{hi}")
    check_bands(measure, scoring["min"], scoring["max"], problems)

    for alert in measure.get("alerts", []):
        ref = resolve(alert["item"])
        if ref is None:
            problems.append(f"alert {alert['id']}: no scored item {alert['item']!r}")
            continue
        value, (imin, imax) = alert["when"]["value"], ranges[ref]
        if not imin <= value <= imax:
            problems.append(f"alert {alert['id']}: value {value} outside the item's {imin}..{imax}")

    subscale_ids = []
    for sub in measure.get("subscales", []):
        subscale_ids.append(sub["id"])
        for ref in sub["items"]:
            if resolve(ref) is None:
                problems.append(f"subscale {sub['id']}: no scored item {ref!r}")
    if len(set(subscale_ids)) != len(subscale_ids):
        problems.append("subscale ids repeat")
    rule = measure.get("provisional_diagnosis")
    if rule:
        for req in rule["requires"]:
            sub = next((s for s in measure.get("subscales", []) if s["id"] == req["subscale"]), None)
            if sub is None:
                problems.append(f"provisional_diagnosis: no subscale {req['subscale']!r}")
            elif req["at_least"] > len(sub["items"]):
                problems.append(f"provisional_diagnosis: subscale {req['subscale']} has fewer items than required")
        maxima = {ranges[r][1] for r in ranges}
        if maxima and not rule["item_threshold"] <= max(maxima):
            problems.append("provisional_diagnosis: threshold above every item's maximum")
    for cut in measure.get("cutoffs", []):
        a, b = cut["range"]
        if not scoring["min"] <= a <= b <= scoring["max"]:
            problems.append(f"cutoff {cut['id']}: range {a}..{b} outside the score")

    rc = measure.get("reliable_change")
    if rc is not None:
        if not 0 < rc["points"] <= scoring["max"] - scoring["min"]:
            problems.append("reliable_change.points outside the score's span")
        if not rc.get("citation"):
            problems.append("reliable_change without a citation")
    if measure.get("$schema") not in (None, "measure.schema.json"):
        problems.append("$schema must be measure.schema.json")
    if path.stem != measure["id"]:
        problems.append(f"file name {path.name} does not match id {measure['id']!r}")
    return problems


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(p for p in HERE.glob("*.json") if p.name != "measure.schema.json")
    measures = {}
    loaded = []
    failed = 0
    for path in paths:
        try:
            measure = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            print(f"{path}: {error}")
            failed += 1
            continue
        if measure.get("id") in measures:
            print(f"{path}: measure id {measure.get('id')!r} used twice")
            failed += 1
            continue
        measures[measure.get("id")] = measure
        loaded.append((path, measure))
    # Derived measures may be checked alone: load what they refer to.
    for path in sorted(HERE.glob("*.json")):
        if path.name != "measure.schema.json" and path.stem not in measures:
            other = json.loads(path.read_text(encoding="utf-8"))
            measures.setdefault(other.get("id"), other)
    item_ranges = {}
    for mid, m in measures.items():
        if m.get("kind") == "questionnaire":
            item_ranges[mid] = check_questionnaire(m, [])
    passed = 0
    for path, measure in loaded:
        problems = check(measure, path, measures, item_ranges)
        for problem in problems:
            print(f"{path.name}: {problem}")
        if problems:
            failed += 1
        else:
            passed += 1
            print(f"{path.name}: ok")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
