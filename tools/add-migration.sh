#!/usr/bin/env bash
# Adds a migration named $1 for every provider: tools/add-migration.sh AddSomething
# Each provider keeps its own migrations under Data/Migrations/<Provider>, owned by its DbContext subclass.
set -euo pipefail
name=${1:?usage: tools/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
web=src/Kaijiang.Federation.Web
dotnet build "$web" -v q -nologo >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  case $provider in
    Sqlite) cs="Data Source=design-time.db" ;;
    SqlServer) cs="Server=localhost;Database=design;Trusted_Connection=True;TrustServerCertificate=True" ;;
    PostgreSql) cs="Host=localhost;Database=design;Username=design;Password=design" ;;
  esac
  dotnet ef migrations add "$name" --no-build --project "$web" --startup-project "$web" \
    --context "${provider}FederationDbContext" --output-dir "Data/Migrations/$provider" \
    -- --Database:Provider=$provider "--ConnectionStrings:Federation=$cs" --Seed:Migrate=false
done
rm -f "$web/design-time.db"
