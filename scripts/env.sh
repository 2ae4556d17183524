# Sourced by the scripts: where the build cache lives (outside the clone, so fresh clones build fast).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dealgate/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
