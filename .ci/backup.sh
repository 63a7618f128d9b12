#!/usr/bin/env bash
#
# Backup and restore, proved on SQLite and on MariaDB (docs/backup.md):
#
#   BACKUP_MYSQL_SOCKET=/path/to/mysqld.sock BACKUP_MYSQL_PORT=3306 bash .ci/backup.sh
#
# For each database: a fresh source database, migrated, with learners and
# six sessions; enrolments made one after another through the service's
# own code (.ci/backup/check.ts load) while `node ace db:backup` copies it;
# the copy loaded into a fresh database with `node ace db:restore`; then
# .ci/backup/check.ts verify compares the copy with the source at the
# backup point (row counts and checksums of the key tables), checks no
# transaction was cut in two, that the backup really ran under load, the
# seat and waiting-list invariants, and that the service's queries and one
# more enrolment work on the copy. PASS or FAIL lines; exit code 0 only
# when every check passed.
#
# MariaDB: a running server whose root logs in through BACKUP_MYSQL_SOCKET
# (as .ci/run starts it); the script creates its own databases
# (BACKUP_MYSQL_SOURCE, BACKUP_MYSQL_COPY: dcs_backup_src and dcs_backup_dst
# unless set, dropped first) and its own user, dcs_backup. Without the
# socket only SQLite is checked. BACKUP_LEARNERS (default 1000) sets how
# many learners the load can enrol (six enrolments each).
#
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DIR=$ROOT/tmp/backup
SOCKET=${BACKUP_MYSQL_SOCKET:-}
MYSQL_PORT=${BACKUP_MYSQL_PORT:-3306}
SOURCE_DB=${BACKUP_MYSQL_SOURCE:-dcs_backup_src}
COPY_DB=${BACKUP_MYSQL_COPY:-dcs_backup_dst}
export PATH=$PATH:/usr/sbin:/usr/local/sbin
# The project's Node 24 (node_modules/.bin/node, from `npm install`) when the machine's is older.
if ! command -v node >/dev/null 2>&1 \
  || [[ $(node -p 'process.versions.node.split(".")[0]') -lt 24 ]]; then
  export PATH=$ROOT/node_modules/.bin:$PATH
fi

STARTED=$SECONDS
LOAD_PID=''
FAILED=()
TIMINGS=()

now_ms() { date +%s%3N; }
# Runs a step and says how long it took.
timed() {
  local label=$1 started=$SECONDS status=0
  shift
  "$@" || status=$?
  echo "-- $label: $((SECONDS - started)) s"
  return "$status"
}
random_secret() { node -p "require('node:crypto').randomBytes(18).toString('base64url')"; }
lines() { [[ -f $1 ]] && wc -l <"$1" || echo 0; }

stop_load() {
  [[ -n $LOAD_PID ]] || return 0
  touch "$DIR/stop"
  local deadline=$((SECONDS + 20))
  while kill -0 "$LOAD_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  kill -0 "$LOAD_PID" 2>/dev/null && kill -KILL "$LOAD_PID" 2>/dev/null
  wait "$LOAD_PID" 2>/dev/null || true
  LOAD_PID=''
}

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  set +e
  stop_load
  printf '\n== Summary\n'
  [[ ${#TIMINGS[@]} -gt 0 ]] && printf '%s\n' "${TIMINGS[@]}"
  printf '%4d s  total\n' $((SECONDS - STARTED))
  grep -hE '^(PASS|FAIL)' "$DIR"/verify-*.log 2>/dev/null
  if [[ $code -eq 0 && ${#FAILED[@]} -eq 0 ]]; then
    echo "Backup and restore proved on: ${DIALECTS[*]}."
  else
    [[ $code -eq 0 ]] && code=1
    echo "FAILED: ${FAILED[*]:-the script stopped (exit code $code)}. Logs: tmp/backup/"
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$DIR"
mkdir -p "$DIR/env"
DIALECTS=(sqlite)
[[ -n $SOCKET ]] && DIALECTS+=(mysql)
APP_KEY=$(random_secret)
# Nothing of the checkout's .env leaks in (ENV_PATH points at an empty folder).
BASE_ENV=(env -i PATH="$PATH" HOME="$HOME" TZ=UTC NODE_ENV=production ENV_PATH="$DIR/env/"
  HOST=127.0.0.1 PORT=0 APP_KEY="$APP_KEY" APP_URL=http://127.0.0.1 LOG_LEVEL=warn
  SCHEDULER_ENABLED=false QUEUE_INLINE_WORKER=false MAIL_MAILER=folder
  BACKUP_LEARNERS="${BACKUP_LEARNERS:-1000}")

if [[ -n $SOCKET ]]; then
  DB_USER=dcs_backup
  DB_PASSWORD=$(random_secret)
  mariadb --no-defaults -uroot --socket="$SOCKET" <<SQL
DROP DATABASE IF EXISTS \`$SOURCE_DB\`;
DROP DATABASE IF EXISTS \`$COPY_DB\`;
CREATE DATABASE \`$SOURCE_DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE \`$COPY_DB\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE OR REPLACE USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$SOURCE_DB\`.* TO '$DB_USER'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`$COPY_DB\`.* TO '$DB_USER'@'127.0.0.1';
SQL
fi

# The environment of the service on the source (src) or on the copy (copy).
app_env() {
  local dialect=$1 which=$2
  if [[ $dialect == sqlite ]]; then
    echo "SQLITE_FILENAME=$DIR/sqlite-$which.sqlite3"
  else
    local database=$SOURCE_DB
    [[ $which == copy ]] && database=$COPY_DB
    echo "DB_CONNECTION=mysql DB_HOST=127.0.0.1 DB_PORT=$MYSQL_PORT DB_USER=$DB_USER DB_PASSWORD=$DB_PASSWORD DB_DATABASE=$database"
  fi
}

prove() {
  local dialect=$1 phase_started=$SECONDS
  local log=$DIR/load-$dialect.log fixture=$DIR/fixture-$dialect.json backup
  local -a source copy
  read -r -a source <<<"$(app_env "$dialect" source)"
  read -r -a copy <<<"$(app_env "$dialect" copy)"
  if [[ $dialect == sqlite ]]; then backup=$DIR/backup.sqlite3; else backup=$DIR/backup.sql; fi
  printf '\n== %s\n' "$dialect"
  rm -f "$DIR/stop"

  # Without the advisory lock: the database is new and only this script migrates it, while
  # the lock is server-wide and a test run on the same server may hold it.
  timed migrations "${BASE_ENV[@]}" "${source[@]}" LOG="$DIR/migrate-$dialect.log" \
    bash -c 'timeout 180 node ace migration:run --force --disable-locks >"$LOG" 2>&1' \
    || { tail -n 30 "$DIR/migrate-$dialect.log"; return 1; }
  timed seed "${BASE_ENV[@]}" "${source[@]}" timeout 120 node --import=@poppinss/ts-exec .ci/backup/check.ts seed "$fixture" \
    || return 1

  "${BASE_ENV[@]}" "${source[@]}" node --import=@poppinss/ts-exec .ci/backup/check.ts load "$fixture" "$log" "$DIR/stop" \
    >"$DIR/load-$dialect.out" 2>&1 </dev/null &
  LOAD_PID=$!
  local deadline=$((SECONDS + 60))
  until (($(lines "$log") >= 20)); do
    kill -0 "$LOAD_PID" 2>/dev/null || { cat "$DIR/load-$dialect.out"; return 1; }
    ((SECONDS < deadline)) || { echo "The load made fewer than 20 enrolments in 60 s."; return 1; }
    sleep 0.2
  done
  echo "The load is enrolling ($(lines "$log") so far): backing up."

  local from to
  from=$(now_ms)
  timed db:backup "${BASE_ENV[@]}" "${source[@]}" timeout 120 node ace db:backup --to "$backup" || return 1
  to=$(now_ms)
  # The load goes on a moment after the backup, then stops.
  sleep 1
  stop_load
  cat "$DIR/load-$dialect.out"

  timed db:restore "${BASE_ENV[@]}" "${copy[@]}" timeout 120 node ace db:restore --from "$backup" || return 1
  "${BASE_ENV[@]}" "${copy[@]}" BACKUP_SOURCE="$([[ $dialect == sqlite ]] && echo "$DIR/sqlite-source.sqlite3" || echo "$SOURCE_DB")" \
    timeout 120 node --import=@poppinss/ts-exec .ci/backup/check.ts verify "$fixture" "$log" "$from" "$to" \
    2>&1 | tee "$DIR/verify-$dialect.log"
  local status=${PIPESTATUS[0]}
  TIMINGS+=("$(printf '%4d s  %s (the backup command: %d ms)' $((SECONDS - phase_started)) "$dialect" $((to - from)))")
  return "$status"
}

for dialect in "${DIALECTS[@]}"; do
  prove "$dialect" || FAILED+=("$dialect")
done
