#!/usr/bin/env bash
# A scratch org with Trust Desk ready to use: the package deployed from source, every persona permission
# set assigned to the admin user, the sample data plans imported.
#
#   npm run org:scratch -- --alias trust-desk [--target-dev-hub <dev-hub-alias>] [--duration-days 7]
#
# The build and every gate run first, so no scratch org is spent on a package that would not deploy.
# The org has no namespace while sfdx-project.json keeps "namespace": "" (the main line does).
set -euo pipefail

readonly DEFINITION_DEFAULT='config/project-scratch-def.json'
readonly SOURCE_DIR='force-app'
readonly PERMISSION_SETS_DIR='force-app/main/default/permissionsets'
readonly DATA_DIR='data'

usage() {
  cat <<'USAGE'
Usage: npm run org:scratch -- --alias <alias> [options]

Creates a scratch org, deploys Trust Desk, assigns its permission sets and imports the sample data.

Options:
  -a, --alias <alias>            Alias of the new scratch org (required).
  -v, --target-dev-hub <alias>   Dev Hub username or alias (default: sf's target-dev-hub config).
  -y, --duration-days <days>     Days before the org expires, 1 to 30 (default: 7).
  -f, --definition-file <path>   Scratch org definition (default: config/project-scratch-def.json).
  -d, --set-default              Make the new org sf's default target-org.
      --skip-gates               Skip `npm run validate` (only when it has just run).
      --no-data                  Do not import the sample data plans.
  -h, --help                     Show this help.
USAGE
}

die() {
  echo "org:scratch: $*" >&2
  exit 1
}

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export SF_DISABLE_TELEMETRY="${SF_DISABLE_TELEMETRY:-true}" SF_AUTOUPDATE_DISABLE="${SF_AUTOUPDATE_DISABLE:-true}"
if command -v sf >/dev/null 2>&1; then sf=(sf); else sf=(npx --no-install sf); fi

alias_name=''
dev_hub=()
duration_days=7
definition_file="$DEFINITION_DEFAULT"
set_default=()
run_gates=true
import_data=true

# Options that take a value, in both `--name value` and `--name=value` forms.
value_of() {
  [[ $# -ge 2 && -n "$2" && "$2" != -* ]] || die "$1 needs a value (see --help)."
  printf '%s' "$2"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --*=*)
      name="${1%%=*}"
      value="${1#*=}"
      shift
      set -- "$name" "$value" "$@"
      continue
      ;;
  esac
  case "$1" in
    -a | --alias)
      alias_name="$(value_of "$@")"
      shift 2
      ;;
    -v | --target-dev-hub)
      dev_hub=(--target-dev-hub "$(value_of "$@")")
      shift 2
      ;;
    -y | --duration-days)
      duration_days="$(value_of "$@")"
      shift 2
      ;;
    -f | --definition-file)
      definition_file="$(value_of "$@")"
      shift 2
      ;;
    -d | --set-default)
      set_default=(--set-default)
      shift
      ;;
    --skip-gates)
      run_gates=false
      shift
      ;;
    --no-data)
      import_data=false
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      die "unknown argument: $1"
      ;;
  esac
done

[[ -n "$alias_name" ]] || {
  usage >&2
  die "--alias is required."
}
[[ "$duration_days" =~ ^[0-9]+$ ]] && ((duration_days >= 1 && duration_days <= 30)) ||
  die "--duration-days must be a whole number from 1 to 30, not \"$duration_days\"."
[[ -f "$definition_file" ]] || die "no scratch org definition at $definition_file."

shopt -s nullglob
permission_set_files=("$PERMISSION_SETS_DIR"/*.permissionset-meta.xml)
data_plans=("$DATA_DIR"/*-plan.json)
shopt -u nullglob

if [[ "$run_gates" == true ]]; then
  echo "org:scratch: npm run validate (build and gates)"
  npm run validate
fi

echo "org:scratch: creating scratch org \"$alias_name\" from $definition_file ($duration_days days)"
# The ${a[@]+...} form expands an empty array under `set -u` in every bash, macOS's 3.2 included.
"${sf[@]}" org create scratch \
  --definition-file "$definition_file" \
  --alias "$alias_name" \
  --duration-days "$duration_days" \
  --wait 30 \
  ${dev_hub[@]+"${dev_hub[@]}"} \
  ${set_default[@]+"${set_default[@]}"}

# From here on a failure leaves an org behind: say how to remove it.
trap 'echo "org:scratch: failed after creating \"$alias_name\"; retry the step or delete it: sf org delete scratch --target-org $alias_name --no-prompt" >&2' ERR

echo "org:scratch: deploying $SOURCE_DIR"
"${sf[@]}" project deploy start --source-dir "$SOURCE_DIR" --target-org "$alias_name" --wait 30

if [[ ${#permission_set_files[@]} -eq 0 ]]; then
  echo "org:scratch: no permission sets in $PERMISSION_SETS_DIR: nothing to assign."
else
  names=()
  for file in "${permission_set_files[@]}"; do
    names+=("$(basename "$file" .permissionset-meta.xml)")
  done
  echo "org:scratch: assigning permission sets ${names[*]}"
  name_flags=()
  for name in "${names[@]}"; do
    name_flags+=(--name "$name")
  done
  "${sf[@]}" org assign permset "${name_flags[@]}" --target-org "$alias_name"
fi

if [[ "$import_data" == false ]]; then
  echo "org:scratch: --no-data: sample data not imported."
elif [[ ${#data_plans[@]} -eq 0 ]]; then
  echo "org:scratch: no data plans ($DATA_DIR/*-plan.json): no sample data to import."
else
  for plan in "${data_plans[@]}"; do
    echo "org:scratch: importing $plan"
    "${sf[@]}" data import tree --plan "$plan" --target-org "$alias_name"
  done
fi

instance_url="$(
  "${sf[@]}" org display --target-org "$alias_name" --json |
    node -e '
      let json = "";
      process.stdin.on("data", (chunk) => (json += chunk));
      process.stdin.on("end", () => process.stdout.write((JSON.parse(json).result || {}).instanceUrl || ""));
    '
)"
trap - ERR

echo "org:scratch: scratch org \"$alias_name\" is ready: ${instance_url:-(instance URL unknown)}"
echo "  log in: sf org open --target-org $alias_name"
