# Sourced by the other .ci scripts, not run on its own. The Rust and Node
# versions Hanji needs, and a PATH on which `cargo` and `rustc` are a Rust
# recent enough: the one already on PATH, a rustup one in ~/.cargo/bin (also
# when the shell that installed it has not been restarted), or one of
# Ubuntu's side-by-side packages (rustc-1.NN, in /usr/lib/rust-1.NN/bin).

# Rust: the highest rust-version among the crates in Cargo.lock. tauri 2.12
# and its crates (tauri-build, tauri-utils, tauri-runtime-wry, muda…) say
# 1.90; rusqlite 0.41 and serde-saphyr 2.1 say 1.89, tantivy 0.27 1.88. Cargo
# refuses an older rustc before compiling anything. The workspace's own
# rust-version in Cargo.toml wins when it is higher.
hanji_rust_min=1.90
hanji_rust_min=$(printf '%s\n%s\n' "$hanji_rust_min" \
  "$(sed -n 's/^rust-version *= *"\([0-9.]*\)".*/\1/p' "$(dirname "${BASH_SOURCE[0]}")/../Cargo.toml" | head -n 1)" |
  sort -V | tail -n 1)

# Node: what package.json's engines and Vite 8 accept, ^20.19.0 || >=22.12.0.
hanji_node_min_text="20.19 or newer (22.12 or newer on Node 22)"

# True when version $1 is at least $2 (dotted numbers, as `sort -V` orders them).
hanji_version_ge() {
  [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n 1)" = "$2" ]
}

# The version of the rustc at $1 (default: the one on PATH), e.g. 1.96.0.
hanji_rustc_version() {
  "${1:-rustc}" --version 2> /dev/null | awk '{print $2}'
}

# True when `cargo` and `rustc` on PATH are Rust $hanji_rust_min or newer.
hanji_rust_ok() {
  command -v cargo > /dev/null && command -v rustc > /dev/null &&
    hanji_version_ge "$(hanji_rustc_version)" "$hanji_rust_min"
}

# Puts a recent enough Rust first on PATH (exported) and returns 0, or
# returns 1 when there is none on this machine.
# ~/.cargo/bin joins PATH when it is not there yet: first if it holds a
# rustup toolchain, last if it only holds what `cargo install` put there
# (tauri-driver, with the system's cargo).
hanji_use_rust() {
  if [ -d "$HOME/.cargo/bin" ]; then
    case ":$PATH:" in
      *":$HOME/.cargo/bin:"*) ;;
      *) if [ -x "$HOME/.cargo/bin/cargo" ]; then PATH="$HOME/.cargo/bin:$PATH"; else PATH="$PATH:$HOME/.cargo/bin"; fi ;;
    esac
  fi
  if hanji_rust_ok; then export PATH; return 0; fi
  local dir
  # Newest first: /usr/lib/rust-1.97/bin before /usr/lib/rust-1.91/bin.
  for dir in $(ls -d /usr/lib/rust-1.*/bin 2> /dev/null | sort -V -r); do
    if [ -x "$dir/cargo" ] && hanji_version_ge "$(hanji_rustc_version "$dir/rustc")" "$hanji_rust_min"; then
      PATH="$dir:$PATH"
      export PATH
      return 0
    fi
  done
  return 1
}

# True when version $1 of Node is one Hanji's front end accepts.
hanji_node_version_ok() {
  local major minor
  IFS=. read -r major minor _ <<< "${1#v}"
  [ -n "$major" ] && [ -n "$minor" ] || return 1
  { [ "$major" -eq 20 ] && [ "$minor" -ge 19 ]; } ||
    { [ "$major" -eq 22 ] && [ "$minor" -ge 12 ]; } || [ "$major" -ge 23 ]
}

# True when `node` and `npm` on PATH are recent enough.
hanji_node_ok() {
  command -v node > /dev/null && command -v npm > /dev/null &&
    hanji_node_version_ok "$(node --version)"
}
