#!/usr/bin/env bash
# Creates the Trust Desk managed second-generation package (2GP) in a Dev Hub. Once per package, ever:
# every release afterwards is a package version (npm run package:version).
#
#   npm run package:create -- --target-dev-hub <dev-hub-alias>
#
# A managed package lives in a namespace, and the namespace is fixed when the package is created:
#   1. Register the namespace in a Developer Edition org (Setup > Package Manager > Namespace Prefix).
#   2. Link it to the Dev Hub (in the Dev Hub: App Launcher > Namespace Registries > Link Namespace).
#   3. Set it as "namespace" in sfdx-project.json, on the branch that builds releases only. The main line
#      keeps "namespace": "" so that `npm run deploy`, `npm run org:scratch` and the Metadata API zip
#      of `npm run package:build` deploy to any org without a namespace.
# sf then writes the new package id (0Ho...) into packageAliases in sfdx-project.json: commit that.
set -euo pipefail

readonly PACKAGE_NAME='Trust Desk'
readonly PACKAGE_PATH='force-app'

usage() {
  cat <<'USAGE'
Usage: npm run package:create -- [--target-dev-hub <alias>] [--description <text>]

Creates the "Trust Desk" managed package (2GP) from force-app in the Dev Hub.

Options:
  -v, --target-dev-hub <alias>  Dev Hub username or alias (default: sf's target-dev-hub config).
  -d, --description <text>      Package description (default: the package directory's versionDescription).
  -h, --help                    Show this help.

Requires a namespace registered, linked to the Dev Hub and set as "namespace" in sfdx-project.json.
USAGE
}

die() {
  echo "package:create: $*" >&2
  exit 1
}

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export SF_DISABLE_TELEMETRY="${SF_DISABLE_TELEMETRY:-true}" SF_AUTOUPDATE_DISABLE="${SF_AUTOUPDATE_DISABLE:-true}"
if command -v sf >/dev/null 2>&1; then sf=(sf); else sf=(npx --no-install sf); fi

dev_hub=()
description=''
while [[ $# -gt 0 ]]; do
  case "$1" in
    -v | --target-dev-hub)
      [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a Dev Hub alias or username."
      dev_hub=(--target-dev-hub "$2")
      shift 2
      ;;
    --target-dev-hub=*)
      dev_hub=(--target-dev-hub "${1#*=}")
      shift
      ;;
    -d | --description)
      [[ $# -ge 2 ]] || die "$1 needs a text."
      description="$2"
      shift 2
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

# One small reader for sfdx-project.json, so that the checks need nothing but Node.
project_value() {
  node -e '
    const project = require("./sfdx-project.json");
    const directory = (project.packageDirectories || []).find((d) => d.path === process.argv[2]) || {};
    const values = {
      namespace: project.namespace || "",
      alias: (project.packageAliases || {})[process.argv[3]] || "",
      description: directory.versionDescription || ""
    };
    process.stdout.write(values[process.argv[1]]);
  ' "$1" "$PACKAGE_PATH" "$PACKAGE_NAME"
}

namespace="$(project_value namespace)"
if [[ -z "$namespace" ]]; then
  cat >&2 <<MESSAGE
package:create: sfdx-project.json has no namespace, and a managed package needs one.
  1. Register a namespace prefix in a Developer Edition org (Setup > Package Manager).
  2. Link it to your Dev Hub (App Launcher > Namespace Registries > Link Namespace).
  3. Set "namespace": "<prefix>" in sfdx-project.json on the release branch, then run this again.
The main line keeps "namespace": "" so that the source deploys to orgs without a namespace.
MESSAGE
  exit 1
fi

existing="$(project_value alias)"
if [[ -n "$existing" ]]; then
  die "\"$PACKAGE_NAME\" already exists ($existing in packageAliases): create a version with npm run package:version."
fi

[[ -n "$description" ]] || description="$(project_value description)"
options=()
[[ -z "$description" ]] || options+=(--description "$description")
if [[ ${#dev_hub[@]} -eq 0 ]]; then
  echo "package:create: no --target-dev-hub given: using sf's target-dev-hub configuration."
else
  options+=("${dev_hub[@]}")
fi

echo "package:create: creating managed package \"$PACKAGE_NAME\" in namespace \"$namespace\" from $PACKAGE_PATH"
# The ${a[@]+...} form expands an empty array under `set -u` in every bash, macOS's 3.2 included.
"${sf[@]}" package create \
  --name "$PACKAGE_NAME" \
  --package-type Managed \
  --path "$PACKAGE_PATH" \
  ${options[@]+"${options[@]}"}

echo "package:create: done. Commit the packageAliases entry sf added to sfdx-project.json, then run npm run package:version."
