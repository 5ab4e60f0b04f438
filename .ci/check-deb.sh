#!/usr/bin/env bash
# Checks what Hanji's Debian package holds, so that a change to the packaging
# (tauri.conf.json's bundle section, src-tauri/hanji.desktop) or to what it
# takes from the build cannot break the package unnoticed:
#
#   bash .ci/check-deb.sh target/release/bundle/deb/Hanji_VERSION_ARCH.deb
#
# It unpacks the package into a temporary folder (nothing is installed) and
# checks the control fields, the app (/usr/bin/hanji-app) and the `hanji`
# command-line tool (/usr/bin/hanji), both run from the unpacked tree, the
# desktop entry (which must start the app on a folder, and pass
# desktop-file-validate when desktop-file-utils is installed), the icons it
# names and the Pretendard font's licence (the OFL asks that it travel with
# the font, which the front end embeds). Prints one line per problem and
# exits 1 if there is any; prints what the package holds either way.
set -uo pipefail

say() { echo "check-deb: $*"; }
stop() { echo "check-deb: $*" >&2; exit 1; }

[ $# -eq 1 ] || stop "usage: bash .ci/check-deb.sh PACKAGE.deb"
deb=$1
[ -f "$deb" ] || stop "no package at $deb"
command -v dpkg-deb > /dev/null || stop "dpkg-deb is missing (Debian's dpkg package)"

# The names the package is expected to use: Tauri installs the app under the
# main binary's name (Cargo.toml's [[bin]] hanji-app; tauri.conf.json has no
# mainBinaryName), and the command-line tool is added as /usr/bin/hanji by
# bundle.linux.deb.files, so the two do not clash.
package=hanji
gui=usr/bin/hanji-app
cli=usr/bin/hanji
doc=usr/share/doc/hanji

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root

problems=()
problem() {
  problems+=("$*")
  echo "check-deb: PROBLEM: $*" >&2
}

dpkg-deb -I "$deb" > /dev/null 2> "$work/err" || stop "dpkg-deb cannot read $deb: $(cat "$work/err")"
dpkg-deb -x "$deb" "$root" 2> "$work/err" || stop "dpkg-deb cannot unpack $deb: $(cat "$work/err")"
say "$deb holds:"
dpkg-deb -c "$deb" | sed 's/^/  /'

# --- control fields ---------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1" 2> /dev/null; }
[ "$(field Package)" = "$package" ] || problem "control: Package is '$(field Package)', not '$package' (productName in tauri.conf.json names it)"
[ -n "$(field Version)" ] || problem "control: no Version"
[ -n "$(field Description)" ] || problem "control: no Description"
# Tauri adds the web view's and GTK's libraries; without them apt would not
# pull them in and the app would not start.
case "$(field Depends)" in
  *libwebkit2gtk-4.1*) ;;
  *) problem "control: Depends ('$(field Depends)') does not name libwebkit2gtk-4.1, which the app needs" ;;
esac

# --- binaries ---------------------------------------------------------------
is_elf() { [ "$(head -c 4 "$1" | od -An -tx1 | tr -d ' \n')" = "7f454c46" ]; }
for bin in "$gui" "$cli"; do
  if [ ! -e "$root/$bin" ]; then
    problem "/$bin is missing"
  elif [ ! -f "$root/$bin" ] || [ ! -x "$root/$bin" ]; then
    problem "/$bin is not an executable file ($(stat -c '%A' "$root/$bin"))"
  elif ! is_elf "$root/$bin"; then
    problem "/$bin is not an ELF binary"
  fi
done

# The app itself, started without a display: it says so in one line and exits
# 1 before opening anything, which shows that it loads (every library it links
# is found) and runs; a missing library would end it with status 127 instead.
if [ -x "$root/$gui" ]; then
  env -u DISPLAY -u WAYLAND_DISPLAY "$root/$gui" > "$work/gui.out" 2>&1 < /dev/null
  code=$?
  if [ "$code" -ne 1 ] || ! grep -q "display" "$work/gui.out"; then
    problem "/$gui without a display exited $code, not 1 with its sentence about the display: $(head -c 500 "$work/gui.out")"
  fi
fi

# The command-line tool, on a two-note vault made here (--no-cache: it writes
# nothing outside the vault, which it only reads).
if [ -x "$root/$cli" ]; then
  version=$("$root/$cli" --version 2> "$work/err")
  case "$version" in
    "hanji $(field Version)"*) ;;
    *) problem "/$cli --version printed '$version' $(cat "$work/err"), not 'hanji $(field Version)'" ;;
  esac
  vault=$work/vault
  mkdir -p "$vault"
  printf '# 첫 노트\n\n[[둘째]] #test\n' > "$vault/첫 노트.md"
  printf '# 둘째\n\nback to [[첫 노트]]\n' > "$vault/둘째.md"
  if ! "$root/$cli" check "$vault" --json --no-cache > "$work/check.json" 2> "$work/err"; then
    problem "/$cli check on a two-note vault failed: $(cat "$work/err")"
  elif ! grep -Eq '"notes": *2[,}]' "$work/check.json" || ! grep -Eq '"resolved": *2[,}]' "$work/check.json"; then
    problem "/$cli check on a two-note vault did not count 2 notes and 2 resolved links: $(head -c 500 "$work/check.json")"
  fi
fi

# --- desktop entry ----------------------------------------------------------
shopt -s nullglob
desktops=("$root"/usr/share/applications/*.desktop)
if [ "${#desktops[@]}" -ne 1 ]; then
  problem "expected one desktop entry in /usr/share/applications/, found ${#desktops[@]}"
else
  desktop=${desktops[0]}
  name=/${desktop#"$root"/}
  # A key of the [Desktop Entry] group (not a localised one such as Name[ko]).
  key() {
    awk -v k="$1" '
      /^\[/ { in_entry = ($0 == "[Desktop Entry]"); next }
      in_entry && index($0, k "=") == 1 { print substr($0, length(k) + 2); exit }
    ' "$desktop"
  }
  [ "$(key Type)" = "Application" ] || problem "$name: Type is '$(key Type)', not Application"
  [ -n "$(key Name)" ] || problem "$name: no Name"
  [ -n "$(key Categories)" ] || problem "$name: no Categories (bundle.category in tauri.conf.json gives them)"
  case ";$(key MimeType);" in
    *";inode/directory;"*) ;;
    *) problem "$name: MimeType ('$(key MimeType)') lacks inode/directory;, so file managers would not offer Hanji for folders" ;;
  esac

  # Exec: the installed app (by its name on PATH, /usr/bin, or by its full
  # path), with a folder from the file manager as its argument.
  exec_line=$(key Exec)
  read -r exec_program exec_args <<< "$exec_line"
  exec_program=${exec_program//\"/}
  case "$exec_program" in
    /*) exec_path=${exec_program#/} ;;
    *) exec_path=usr/bin/$exec_program ;;
  esac
  if [ -z "$exec_program" ]; then
    problem "$name: no Exec"
  elif [ "$exec_path" != "$gui" ]; then
    problem "$name: Exec ('$exec_line') does not start /$gui"
  fi
  case " $exec_args " in
    *" %f "* | *" %F "*) ;;
    *) problem "$name: Exec ('$exec_line') does not pass the folder (%f or %F), so 'Open With' would start the app without it" ;;
  esac

  # Icon: a theme icon name with a PNG in the package's hicolor folders.
  icon=$(key Icon)
  if [ -z "$icon" ]; then
    problem "$name: no Icon"
  else
    icons=("$root"/usr/share/icons/hicolor/*/apps/"$icon".png)
    if [ "${#icons[@]}" -eq 0 ]; then
      problem "$name: Icon is '$icon' but there is no /usr/share/icons/hicolor/*/apps/$icon.png"
    fi
  fi

  # Errors and warnings fail; hints (style advice, more of it in newer
  # versions) are only shown.
  if command -v desktop-file-validate > /dev/null; then
    desktop-file-validate "$desktop" > "$work/validate.txt" 2>&1
    code=$?
    if [ "$code" -ne 0 ] || grep -qiE '(error|warning):' "$work/validate.txt"; then
      problem "$name: desktop-file-validate says: $(tr '\n' ' ' < "$work/validate.txt")"
    elif [ -s "$work/validate.txt" ]; then
      say "desktop-file-validate: $(tr '\n' ' ' < "$work/validate.txt")"
    fi
  else
    say "desktop-file-validate is not installed (desktop-file-utils): the desktop entry's syntax is not checked"
  fi
fi

# --- icons ------------------------------------------------------------------
# Each a PNG whose size is the one its folder (NxN or NxN@2) says.
pngs=("$root"/usr/share/icons/hicolor/*/apps/*.png)
[ "${#pngs[@]}" -gt 0 ] || problem "no icons under /usr/share/icons/hicolor/*/apps/"
for png in "${pngs[@]}"; do
  rel=/${png#"$root"/}
  size_dir=$(basename "$(dirname "$(dirname "$png")")")
  header=$(head -c 24 "$png" | od -An -tx1 | tr -d ' \n')
  if [ "${header:0:16}" != "89504e470d0a1a0a" ]; then
    problem "$rel is not a PNG"
    continue
  fi
  width=$((16#${header:32:8}))
  height=$((16#${header:40:8}))
  base=${size_dir%@2}
  if [ "$size_dir" = "$base" ] && [ "${width}x${height}" != "$base" ]; then
    problem "$rel is ${width}x${height}, not the $base its folder says"
  fi
done

# --- the font's licence -----------------------------------------------------
licence=$root/$doc/pretendard/LICENSE.txt
if [ ! -f "$licence" ]; then
  problem "/$doc/pretendard/LICENSE.txt is missing: the front end embeds the Pretendard font, whose licence (SIL OFL 1.1) must ship with it"
elif ! grep -q "SIL Open Font License" "$licence"; then
  problem "/$doc/pretendard/LICENSE.txt is not the SIL Open Font License"
fi

if [ "${#problems[@]}" -gt 0 ]; then
  echo "check-deb: ${#problems[@]} problem(s) in $deb:" >&2
  for p in "${problems[@]}"; do echo "  - $p" >&2; done
  exit 1
fi
say "the package holds the app, the hanji tool, the desktop entry, its icons and the font's licence"
