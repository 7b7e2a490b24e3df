#!/usr/bin/env bash
# Runs every command of README.md as a new user would: in a fresh clone of
# this repository, from its root, in the order of the README. The commands
# are the lines of the README's ```sh blocks (```bash, ```toml and other
# blocks are templates or files, not run). Each must exit with status 0 and
# take under a minute: at most LIMIT seconds of CPU time (user + system, its
# children included), so that it finishes within a minute on any idle
# machine. A command's comment may state its time as "~N s" (the time on two
# idle cores); the estimate is checked too: not too optimistic
# (CPU/2 ≤ 1.5·N + 2) and not too pessimistic (N ≤ 3·max(wall, CPU) + 3).
#
# Usage: .ci/readme-commands.sh [-worktree]
#   -worktree  copy the working tree (tracked and untracked, not ignored
#              files) instead of cloning the last commit, to check
#              uncommitted changes.
# Environment: LIMIT (default 60) seconds of CPU per command.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
limit=${LIMIT:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
clone="$work/htsgd"

if [ "${1:-}" = "-worktree" ]; then
	mkdir -p "$clone"
	(cd "$root" && git ls-files -z -co --exclude-standard) |
		(cd "$root" && xargs -0 cp --parents -t "$clone" 2>/dev/null || true)
	echo "== README commands in a copy of the working tree $root"
else
	git clone -q "$root" "$clone"
	echo "== README commands in a fresh clone of $root at $(git -C "$clone" rev-parse --short HEAD)"
fi
cd "$clone"

# The commands: lines of ```sh blocks, without blank lines.
mapfile -t cmds < <(awk '
	/^```sh[[:space:]]*$/ { inblock = 1; next }
	/^```/ { inblock = 0; next }
	inblock && NF > 0 { print }
' README.md)
if [ "${#cmds[@]}" -eq 0 ]; then
	echo "no commands found in README.md" >&2
	exit 1
fi

fail=0
printf '%-6s %8s %8s %8s  %s\n' status wall cpu stated command
for line in "${cmds[@]}"; do
	cmd=${line%%  #*}                  # the command: up to two spaces and '#'
	cmd=$(echo "$cmd" | sed 's/[[:space:]]*$//')
	comment=""
	[ "$cmd" != "$line" ] && comment=${line#*  #}
	stated=$(echo "$comment" | sed -n 's/.*~\([0-9][0-9]*\) s.*/\1/p; s/.*about \([0-9][0-9]*\) s.*/\1/p' | head -1)
	TIMEFORMAT='%R %U %S'
	status=0
	{ time bash -c "$cmd" >"$work/out" 2>"$work/err" || status=$?; } 2>"$work/time"
	read -r wall user sys <"$work/time"
	# The checks, in awk (no bc on a bare CI machine).
	read -r cpu verdict < <(awk -v w="$wall" -v u="$user" -v s="$sys" -v n="$stated" -v lim="$limit" -v st="$status" 'BEGIN {
		cpu = u + s; m = (w > cpu) ? w : cpu; v = "ok"
		if (st != 0) v = "FAIL:_exit_status_" st
		else if (cpu > lim) v = "FAIL:_" cpu "_s_of_CPU,_over_" lim "_s"
		else if (n != "" && cpu / 2 > 1.5 * n + 2) v = "FAIL:_the_stated_~" n "_s_is_too_optimistic"
		else if (n != "" && n > 3 * m + 3) v = "FAIL:_the_stated_~" n "_s_is_too_pessimistic"
		printf "%.2f %s\n", cpu, v
	}')
	verdict=${verdict//_/ }
	printf '%-6s %8s %8s %8s  %s\n' "$status" "$wall" "$cpu" "${stated:--}" "$cmd"
	if [ "$verdict" != ok ]; then
		fail=1
		echo "   $verdict"
		echo "   --- stderr (last lines)"
		tail -5 "$work/err" | sed 's/^/   /'
	fi
done
if [ "$fail" -ne 0 ]; then
	echo "== README commands: FAILED" >&2
	exit 1
fi
echo "== README commands: all ${#cmds[@]} succeeded"
