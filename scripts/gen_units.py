#!/usr/bin/env python3
"""Generates the administrative units (two levels, in force since 1 July 2025)
from the PyPI package vietnam-provinces==2025.10.1.

Output (committed, served as static files):
  assets/units/provinces.json      [{"code": "01", "name": "Thành phố Hà Nội"}, ...]  (34)
  assets/units/<province>.json     [{"code": "00070", "name": "Phường Hoàn Kiếm"}, ...]
The app embeds the 34 provinces and fetches one province's wards when chosen,
so the first load stays small.

Run: make units   (creates .venv-units and installs the pinned package)
"""
import json
import pathlib
import sys

import vietnam_provinces as vp

EXPECTED_PROVINCES = 34
EXPECTED_WARDS = 3321

out = pathlib.Path(__file__).resolve().parent.parent / "assets" / "units"
out.mkdir(parents=True, exist_ok=True)
if vp.__version__ != "2025.10.1":
    sys.exit(f"expected vietnam-provinces 2025.10.1, found {vp.__version__}")

data = json.loads(pathlib.Path(vp.NESTED_DIVISIONS_JSON_PATH).read_text(encoding="utf-8"))
provinces = []
ward_total = 0
for p in sorted(data, key=lambda p: p["code"]):
    code = f"{p['code']:02d}"
    provinces.append({"code": code, "name": " ".join(p["name"].split())})
    # Names are kept as published, with runs of spaces folded ("Phường  Tân Lập" occurs).
    wards = sorted(({"code": f"{w['code']:05d}", "name": " ".join(w["name"].split())} for w in p["wards"]), key=lambda w: w["code"])
    ward_total += len(wards)
    (out / f"{code}.json").write_text(json.dumps(wards, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
lines = ",\n".join(json.dumps(p, ensure_ascii=False, separators=(",", ":")) for p in provinces)
(out / "provinces.json").write_text("[\n" + lines + "\n]\n", encoding="utf-8")

if len(provinces) != EXPECTED_PROVINCES or ward_total != EXPECTED_WARDS:
    sys.exit(f"unexpected counts: {len(provinces)} provinces, {ward_total} wards")
print(f"provinces={len(provinces)} wards={ward_total} data_version={vp.__data_version__}")
