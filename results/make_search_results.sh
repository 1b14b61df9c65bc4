#!/usr/bin/env bash
# Regenerates results/atlas_counts.txt and results/appendix_d.txt (run from the repository root
# after the README set-up). Exact, deterministic outputs.
set -euo pipefail
cs=.venv/bin/chargesearch
{
  echo "# Anomaly-free atlas counts (preset atlas; convention of docs/search.md):"
  echo "# integer charges |F| <= qmax, generation permutations within each species and the overall"
  echo "# sign identified, gcd 1, zero excluded, family-universal included."
  printf '%-5s %12s %12s %12s %12s\n' qmax "nu_R=0" "nu_R=1" "nu_R=2" "nu_R=3"
  for q in 1 2 3 4 5 6; do
    row=$(for n in 0 1 2 3; do $cs enumerate --preset atlas --nu-r $n --qmax $q --count --no-progress | tail -1; done | xargs printf '%12s ')
    printf '%-5s %s\n' "$q" "$row"
  done
} > results/atlas_counts.txt
{
  echo "# Appendix D (eq. 104) machine-checked; commands and verdicts"
  run() { echo; echo "\$ chargesearch $*"; $cs "$@" || true; }
  run prove --nu-r 0 --constraints kaon,electron,quark-yukawa --claim "F_H = 0 and (F_E2 = F_L2 or F_E2 = -F_L2)"
  run prove --nu-r 0 --constraints kaon,electron,quark-yukawa,wilson-sign --claim "C10 = 0"
  run prove --nu-r 0 --constraints electron,quark-yukawa --claim "F_H = 0 and F_L3 = -F_L2 and F_E3 = -F_E2"
  run prove --nu-r 0 --constraints kaon,electron,quark-yukawa-3rd --claim "F_H = 0"
  run prove --nu-r 3 --constraints kaon,electron,quark-yukawa --claim "F_H = 0"
  run find --nu-r 0 --preset paper --where "C10 != 0"
} > results/appendix_d.txt 2>&1
