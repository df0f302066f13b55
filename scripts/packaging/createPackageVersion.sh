#!/usr/bin/env bash
# Creates a version of the Trust Desk managed package (2GP) in the Dev Hub, after the same build and
# gates as every other path to an org.
#
#   npm run package:version -- --target-dev-hub <dev-hub-alias> [more sf package version create flags]
#
# The version number, name and description come from the package directory in sfdx-project.json
# (versionNumber 0.1.0.NEXT: the Dev Hub assigns the build number). --code-coverage runs the package's
# Apex tests in a build org: a version can only be promoted with 75% coverage or more. sf adds the new
# version's alias (Trust Desk@x.y.z-n) to packageAliases in sfdx-project.json: commit it.
#
# The package must exist first (npm run package:create), which needs a namespace in sfdx-project.json.
set -euo pipefail

readonly PACKAGE_NAME='Trust Desk'

usage() {
  cat <<'USAGE'
Usage: npm run package:version -- [--target-dev-hub <alias>] [other sf package version create flags]

Builds the components, runs every gate, then creates a version of the "Trust Desk" managed package:
  sf package version create --package "Trust Desk" --installation-key-bypass --code-coverage --wait 60 ...

Options:
  -v, --target-dev-hub <alias>  Dev Hub username or alias (default: sf's target-dev-hub config).
  --skip-gates                  Skip `npm run validate` (only when it has just run).
  -h, --help                    Show this help.
Any other argument goes to sf package version create unchanged. Giving --wait, --installation-key or
--skip-validation replaces the default --wait 60, --installation-key-bypass or --code-coverage.
USAGE
}

die() {
  echo "package:version: $*" >&2
  exit 1
}

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export SF_DISABLE_TELEMETRY="${SF_DISABLE_TELEMETRY:-true}" SF_AUTOUPDATE_DISABLE="${SF_AUTOUPDATE_DISABLE:-true}"
if command -v sf >/dev/null 2>&1; then sf=(sf); else sf=(npx --no-install sf); fi

passthrough=()
run_gates=true
wait_given=false
key_given=false
skip_validation=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --skip-gates)
      run_gates=false
      shift
      ;;
    -v | --target-dev-hub)
      [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a Dev Hub alias or username."
      passthrough+=(--target-dev-hub "$2")
      shift 2
      ;;
    *)
      case "$1" in
        -w | --wait | --wait=*) wait_given=true ;;
        -k | --installation-key | --installation-key=* | -x | --installation-key-bypass) key_given=true ;;
        --skip-validation) skip_validation=true ;;
        -p | --package | --package=*) die "the package is always \"$PACKAGE_NAME\": drop $1." ;;
      esac
      passthrough+=("$1")
      shift
      ;;
  esac
done

project_value() {
  node -e '
    const project = require("./sfdx-project.json");
    const values = {
      namespace: project.namespace || "",
      alias: (project.packageAliases || {})[process.argv[2]] || ""
    };
    process.stdout.write(values[process.argv[1]]);
  ' "$1" "$PACKAGE_NAME"
}

[[ -n "$(project_value namespace)" ]] ||
  die "sfdx-project.json has no namespace: a managed package version needs the package's namespace (see scripts/packaging/createPackage.sh)."
[[ -n "$(project_value alias)" ]] ||
  die "no \"$PACKAGE_NAME\" in packageAliases of sfdx-project.json: create the package first with npm run package:create."

if [[ "$run_gates" == true ]]; then
  echo "package:version: npm run validate (build and gates)"
  npm run validate
fi

defaults=()
[[ "$key_given" == true ]] || defaults+=(--installation-key-bypass)
[[ "$skip_validation" == true ]] || defaults+=(--code-coverage)
[[ "$wait_given" == true ]] || defaults+=(--wait 60)

echo "package:version: creating a version of \"$PACKAGE_NAME\""
# The ${a[@]+...} form expands an empty array under `set -u` in every bash, macOS's 3.2 included.
"${sf[@]}" package version create \
  --package "$PACKAGE_NAME" \
  ${defaults[@]+"${defaults[@]}"} \
  ${passthrough[@]+"${passthrough[@]}"}

cat <<NEXT
package:version: done. Commit the alias sf added to sfdx-project.json. Next:
  install in a test org: sf package install --package "$PACKAGE_NAME@<version>" --target-org <org> --wait 20
  release it:            sf package version promote --package "$PACKAGE_NAME@<version>"
NEXT
