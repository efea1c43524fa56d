#!/usr/bin/env bash
# Adds one EF Core migration to both providers' migrations projects, with the same name.
# Usage: scripts/add-migration.sh MigrationName
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet restore "src/Zhangjiang.Migrations.$provider" -v q >/dev/null
  project=src/Zhangjiang.Migrations.$provider
  echo "== $provider"
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --context ZjDbContext --output-dir Migrations
done
echo "Added $name to both providers. Review both, then run: dotnet test tests/Zhangjiang.Platform.Tests"
