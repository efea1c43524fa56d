#!/usr/bin/env bash
# Known-vulnerability check of every NuGet package the solution uses, direct and transitive (等保 8.1.4.4 e,
# ASVS 15.1.2). Exit 0: the feeds know of no vulnerable package here. Exit 1: vulnerable packages, listed.
# Exit 2: the configured feeds serve no vulnerability data, so "none found" would mean nothing.
#
# The last case is checked with a canary: a throw-away project that references a package version with a published
# advisory (Newtonsoft.Json 12.0.1, GHSA-5crp-9r3c-p9vr). If the feeds do not flag it, they cannot flag ours either.
# The build machines of this project are in that case (their NuGet mirror has no vulnerability resource); run this
# where nuget.org's vulnerability data is reachable, and at least monthly (docs/operations.md).
#
# Usage: scripts/dependency-check.sh [--list FILE]   (--list also writes every resolved package and version to FILE)
set -euo pipefail
cd "$(dirname "$0")/.."
list_file=""
if [[ "${1:-}" == "--list" ]]; then list_file=${2:?usage: scripts/dependency-check.sh [--list FILE]}; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/canary.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><NuGetAudit>false</NuGetAudit></PropertyGroup>
  <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="12.0.1" /></ItemGroup>
</Project>
XML
echo "== canary: does the feed report the known advisory of Newtonsoft.Json 12.0.1?"
if ! dotnet list "$work/canary.csproj" package --vulnerable 2>&1 | tee "$work/canary.txt" | grep -q "Newtonsoft.Json"; then
  echo "The configured NuGet sources serve no vulnerability data (the canary was not flagged)."
  echo "This check cannot say anything on this machine; run it where nuget.org is reachable."
  exit 2
fi

echo "== the platform's packages"
dotnet restore Zhangjiang.slnx -v q >/dev/null
dotnet list Zhangjiang.slnx package --vulnerable --include-transitive 2>&1 | tee "$work/report.txt"
if [[ -n "$list_file" ]]; then
  dotnet list Zhangjiang.slnx package --include-transitive --format json > "$list_file"
  echo "Package list written to $list_file"
fi
if grep -q "has the following vulnerable packages" "$work/report.txt"; then
  echo "Vulnerable packages found: update them (Directory.Packages.props) before the next release."
  exit 1
fi
echo "No known vulnerable package."
