#!/usr/bin/env python3
"""analyse and simulate tell one story about capacity: for every model given,
each internal unit's simulated utilisation lies within 3 % (relative) of the
analysis's rho where rho < 0.97, a unit with rho >= 1 makes the simulation
unstable and is named as the unit whose queue grows, and the two tools agree
on whether the process is stable and on the people and hours present.

Usage: check_capacity_agreement.py ANALYSE SIMULATE MODEL...
"""
import json
import math
import subprocess
import sys

import yaml  # python3-yaml


def run(tool, model):
    done = subprocess.run([tool, "--format", "json", model], capture_output=True, text=True)
    if done.returncode != 0 or done.stderr:
        sys.exit(f"{tool} {model}: exit {done.returncode}: {done.stderr}")
    return json.loads(done.stdout)


def main():
    analyse, simulate, models = sys.argv[1], sys.argv[2], sys.argv[3:]
    if not models:
        sys.exit("no models given")
    failures, units_checked, unstable_checked, presence_checked = [], 0, 0, 0
    for model in models:
        analysis, simulation = run(analyse, model), run(simulate, model)
        with open(model, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        hours_per_day = (doc.get("calendar") or {}).get("hours_per_day", 8)
        written = {unit["id"]: unit for unit in doc["units"]}
        if analysis["stable"] != simulation["stable"]:
            failures.append(f"{model}: analyse says stable={analysis['stable']}, simulate {simulation['stable']}")
        simulated = {unit["id"]: unit for unit in simulation["units"]}
        for unit in analysis["units"]:
            if unit["external"]:
                continue
            rho, sim = unit["utilisation"], simulated[unit["id"]]
            where = f"{model}: unit {unit['id']}"
            # The people present: ceil(staff), together staff x availability
            # working days, the servers c of the analysis's rho.
            staff, availability = written[unit["id"]]["staff"], written[unit["id"]].get("availability", 1)
            presence_checked += 1
            if sim["people"] != math.ceil(staff):
                failures.append(f"{where}: staff {staff}, but simulate has {sim['people']} people")
            if not abs(sim["presence_hours_per_day"] - staff * availability * hours_per_day) <= 1e-9 * staff * hours_per_day:
                failures.append(f"{where}: staff {staff} x availability {availability} x {hours_per_day} h, "
                                f"but simulate has {sim['presence_hours_per_day']} hours present a day")
            if rho >= 1:
                unstable_checked += 1
                if unit["id"] not in simulation["unstable_units"]:
                    failures.append(f"{where}: rho {rho:.3f} >= 1 but simulate does not say its queue grows")
                if sim["utilisation"] < 0.97:
                    failures.append(f"{where}: rho {rho:.3f} >= 1 but simulated utilisation {sim['utilisation']:.3f}")
            elif rho < 0.97 and rho > 0:
                units_checked += 1
                error = sim["utilisation"] / rho - 1
                if abs(error) > 0.03:
                    failures.append(f"{where}: rho {rho:.4f}, simulated {sim['utilisation']:.4f} ({error:+.1%})")
            elif rho == 0 and sim["utilisation"] != 0:
                failures.append(f"{where}: no work, but simulated utilisation {sim['utilisation']}")
    for failure in failures:
        print(failure)
    print(f"{len(models)} models, {units_checked} units within 3 %, {unstable_checked} over capacity checked, "
          f"{presence_checked} units' people and hours present; {len(failures)} disagreements")
    if units_checked == 0 or unstable_checked == 0 or presence_checked == 0:
        sys.exit("the models must hold units under and over capacity, or this check proves nothing")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
