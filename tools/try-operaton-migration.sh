#!/usr/bin/env bash
# Tries the move from Camunda 7 CE to Operaton on a throw-away copy of this repository and prints how far
# it gets: copy -> recipe -> rewrite -> compile -> test-compile -> tests. The repository itself is not touched.
# See docs/adr/0001-engine-future.md for what the last run found.
#
#   1. copy: git clone of the committed HEAD into a temporary folder (uncommitted changes are not copied)
#   2. recipe: Operaton's OpenRewrite recipe org.operaton:migrate-camunda-recipe from Maven Central, as its
#      migration guide says. If the artifact cannot be resolved (a partial mirror, no network), its recipe
#      files are taken from a git checkout of github.com/operaton/migrate-from-camunda-recipe at the same
#      tag (the recipes are declarative YAML only; the jar holds nothing else), with the OpenRewrite modules
#      they call (rewrite-java-dependencies, rewrite-spring) as recipe artifacts.
#   3. rewrite: mvn org.openrewrite.maven:rewrite-maven-plugin:run with that recipe, then a summary of the
#      changed files and of what still says camunda
#   4. compile, 5. test-compile, 6. tests: a few chosen tests by default, the whole build with --full
#
# Usage: tools/try-operaton-migration.sh [--full] [--keep]
#   --full   run `mvn verify` in the copy instead of the few tests (10+ minutes)
#   --keep   keep the copy (printed at the end) to look at the diff
# Environment (defaults in brackets):
#   RECIPE_VERSION [1.0.1]  RECIPE [org.operaton.rewrite.spring.MigrateSpringBootApplication]
#   REWRITE_PLUGIN_VERSION [6.46.1]  REWRITE_SPRING_VERSION [6.37.1]  REWRITE_JAVA_DEPENDENCIES_VERSION [1.60.2]
#   RECIPE_SOURCE [https://github.com/operaton/migrate-from-camunda-recipe.git]  (git URL or local clone)
#   TESTS [IdentityBootstrapTest,PaymentApiTest,ReceivableCollectionProcessTest]
#   WORK [a new mktemp -d folder]
# Exit status: 0 when every step passed, 1 otherwise (the last line says which step was reached).
set -uo pipefail

full=false; keep=false
for arg in "$@"; do
  case "$arg" in
    --full) full=true ;;
    --keep) keep=true ;;
    *) echo "usage: $0 [--full] [--keep]" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
recipe_version=${RECIPE_VERSION:-1.0.1}
recipe=${RECIPE:-org.operaton.rewrite.spring.MigrateSpringBootApplication}
plugin_version=${REWRITE_PLUGIN_VERSION:-6.46.1}
spring_version=${REWRITE_SPRING_VERSION:-6.37.1}
dependencies_version=${REWRITE_JAVA_DEPENDENCIES_VERSION:-1.60.2}
recipe_source=${RECIPE_SOURCE:-https://github.com/operaton/migrate-from-camunda-recipe.git}
tests=${TESTS:-IdentityBootstrapTest,PaymentApiTest,ReceivableCollectionProcessTest}
work=${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/operaton-try.XXXXXX")}
copy=$work/collectwise
mkdir -p "$work"

reached="nothing"
finish() {
  echo
  echo "== reached: $reached"
  if $keep; then echo "== copy kept in $copy (logs in $work)"; else rm -rf "$work"; fi
}
trap finish EXIT

step() { echo; echo "== $*"; }
# the first error lines of a Maven log, without the generic help text
errors() { grep -E '^\[ERROR\]' "$1" | grep -v -E 'Help 1|^\[ERROR\] *$|-> \[Help|Re-run Maven|full stack trace|For more information|cwiki.apache.org|See .*surefire-reports|dump files' | head -n "${2:-25}"; }

step "1. copy: git clone $root (HEAD $(git -C "$root" rev-parse --short HEAD)) into $copy"
if [ -n "$(git -C "$root" status --porcelain)" ]; then
  echo "   note: the repository has uncommitted changes; the copy has the committed HEAD only"
fi
git clone --quiet --no-hardlinks "$root" "$copy" || exit 1
reached="copy"

step "2. recipe org.operaton:migrate-camunda-recipe:$recipe_version"
rewrite_args=(-Drewrite.activeRecipes="$recipe" -Drewrite.exportDatatables=false)
if mvn -B -q -U dependency:get -Dartifact="org.operaton:migrate-camunda-recipe:$recipe_version" -Dtransitive=false \
     > "$work/recipe.log" 2>&1; then
  echo "   from Maven Central"
  rewrite_args+=(-Drewrite.recipeArtifactCoordinates="org.operaton:migrate-camunda-recipe:$recipe_version")
else
  echo "   not resolvable from Maven: $(grep -o -m1 -E "Could not find artifact [^ ]+ in [^ ]+|[^ ]+ was not found in [^ ]+" \
    "$work/recipe.log" || echo "see $work/recipe.log")"
  echo "   taking its recipe files from $recipe_source at tag v$recipe_version"
  if ! git clone --quiet "$recipe_source" "$work/recipe-src" >> "$work/recipe.log" 2>&1 \
     || ! git -C "$work/recipe-src" -c advice.detachedHead=false checkout --quiet "v$recipe_version" >> "$work/recipe.log" 2>&1; then
    echo "   cannot get the recipe source either (set RECIPE_SOURCE to a local clone):"; tail -3 "$work/recipe.log"
    exit 1
  fi
  # every declarative recipe of the jar except the Quarkus one (it needs rewrite-quarkus and is not ours)
  rules="$work/recipe-src/src/main/resources/META-INF/rewrite"
  find "$rules" -name '*.yml' ! -path '*/quarkus/*' ! -name examples.yml -print0 | sort -z \
    | xargs -0 -I{} sh -c 'cat "{}"; echo' > "$work/operaton-recipe.yml"
  echo "   $(grep -c '^name:' "$work/operaton-recipe.yml") recipes in $work/operaton-recipe.yml"
  rewrite_args+=(-Drewrite.configLocation="$work/operaton-recipe.yml"
    -Drewrite.recipeArtifactCoordinates="org.openrewrite.recipe:rewrite-java-dependencies:$dependencies_version,org.openrewrite.recipe:rewrite-spring:$spring_version")
fi
reached="recipe"

step "3. rewrite: mvn org.openrewrite.maven:rewrite-maven-plugin:$plugin_version:run -Drewrite.activeRecipes=$recipe"
if ! (cd "$copy" && mvn -B "org.openrewrite.maven:rewrite-maven-plugin:$plugin_version:run" "${rewrite_args[@]}") \
     > "$work/rewrite.log" 2>&1; then
  echo "   rewrite failed (log: $work/rewrite.log):"; errors "$work/rewrite.log"
  exit 1
fi
echo "   $(git -C "$copy" status --porcelain | wc -l) files changed:"
git -C "$copy" status --porcelain | sed 's/^/     /' | head -60
echo "   pom.xml after the recipe (engine dependencies):"
git -C "$copy" diff -U0 -- pom.xml | grep -E '^[-+] *<(groupId|artifactId|version)>' | sed 's/^/     /' | head -40
echo "   what still says camunda (main/test Java, resources, pom; not the BPMN/DMN models):"
(cd "$copy" && grep -rIl -i 'camunda' --include='*.java' --include='*.yaml' --include='*.yml' --include='*.properties' \
   --include='pom.xml' src bench pom.xml 2>/dev/null | sed 's/^/     /' | head -40)
(cd "$copy" && grep -rIn -E 'camunda-admin|CAMUNDA_ADMIN|camunda\.bpm\.' src/main 2>/dev/null | sed 's/^/     main: /' | head -20)
reached="rewrite"

step "4. compile: mvn compile"
if ! (cd "$copy" && mvn -B compile) > "$work/compile.log" 2>&1; then
  echo "   compile failed ($(grep -c '^\[ERROR\] .*\.java' "$work/compile.log") Java error lines; log: $work/compile.log):"
  errors "$work/compile.log" 40
  exit 1
fi
reached="compile"

step "5. test-compile: mvn test-compile"
if ! (cd "$copy" && mvn -B test-compile) > "$work/test-compile.log" 2>&1; then
  echo "   test-compile failed (log: $work/test-compile.log):"; errors "$work/test-compile.log" 40
  exit 1
fi
reached="test-compile"

if $full; then
  step "6. tests: mvn verify"; goal=(verify)
else
  step "6. tests: mvn test -Dtest=$tests"; goal=(test "-Dtest=$tests" -Dsurefire.failIfNoSpecifiedTests=false)
fi
if ! (cd "$copy" && mvn -B "${goal[@]}") > "$work/tests.log" 2>&1; then
  echo "   tests failed (log: $work/tests.log):"
  grep -E 'Tests run:.*(Fail|Err)|<<< (FAILURE|ERROR)' "$work/tests.log" | head -20
  errors "$work/tests.log" 30
  exit 1
fi
grep -E '^\[(INFO|WARNING)\] Tests run:' "$work/tests.log" | tail -1
reached="tests (all passed)"
exit 0
