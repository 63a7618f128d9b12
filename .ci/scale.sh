#!/usr/bin/env bash
#
# Scale-out and fault test: two instances of the service behind nginx,
# sharing one MariaDB and one Redis, all on 127.0.0.1.
#
#   bash .ci/scale.sh
#
# Starts, under tmp/scale/ and on free loopback ports: a private MariaDB,
# Redis (no persistence), two web instances from the sources (NODE_ENV
# production, the same APP_KEY, REDIS_URL, MySQL, each with its inline queue
# worker: with Redis they share one queue; B reads through a read-replica
# connection that points at the same server) and nginx in front of them. Then
# proves, each with a PASS or FAIL line:
#
#   a. a session signed in on instance A works on instance B, a form served
#      by A can be posted to B, and a session signed out on A is refused on B
#      (sessions live in Redis; SCALE_SESSION_DRIVER=database keeps them in
#      MariaDB instead);
#   b. the sign-in rate limit is shared: wrong passwords spread over A and B
#      hit the per-account limit at its configured count;
#   e. the cache, locks and the queue are shared through Redis;
#   c. 2,000 concurrent enrolments on a 50-seat session through nginx give
#      exactly 50 booked and waiting-list positions 1..1950, once each;
#   d1. kill -9 of instance A while learners enrol: no enrolment lost or
#      duplicated, nginx goes on serving from B;
#   d2. MariaDB stopped and started under load: fast 503s without stack
#      traces, /health says so, and recovery within 5 s with no restart;
#   d3. an enrolment waiting on a row lock held past innodb_lock_wait_timeout
#      (2 s here) answers "try again" (503 page or problem) and writes nothing.
#
# Needs Node 24, mariadb-server, redis-server and nginx (Debian packages),
# and runs as root like .ci/run. Every step has a time limit and no phase
# starts after SCALE_TIME_LIMIT seconds (default 300), so even a run that
# hangs ends within about ten minutes; a normal run takes two. Everything it
# started is stopped on exit, on failure too. Exit code 0 only when every
# check passed.
#
# SCALE_LEARNERS (default 2000) sets the number of learners for c, and
# SCALE_KILL_LEARNERS (default 600) how many of them enrol during d1;
# SCALE_CHECKS (default "a b e c d1 d2 d3") chooses the checks to run.
# SCALE_SESSION_DRIVER sets the instances' SESSION_DRIVER (default unset:
# Redis, since REDIS_URL is set; `database` proves the sessions table instead).
#
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
DIR=$ROOT/tmp/scale
LEARNERS=${SCALE_LEARNERS:-2000}
KILL_LEARNERS=${SCALE_KILL_LEARNERS:-600}
TIME_LIMIT=${SCALE_TIME_LIMIT:-300}
CHECKS=" ${SCALE_CHECKS:-a b e c d1 d2 d3} "
STARTED=$SECONDS
export PATH=$PATH:/usr/sbin:/usr/local/sbin

MARIADB_PID=''
REDIS_PID=''
NGINX_PID=''
PROBE_PID=''
declare -A APP_PID=()
declare -A APP_PORT=()
SOCKET_DIR=''
FAILED=()
PHASE=''
PHASE_STARTED=0
TIMINGS=()

# ---------------------------------------------------------------- helpers

now_ms() { date +%s%3N; }

phase() {
  end_phase
  PHASE=$1
  PHASE_STARTED=$SECONDS
  if ((SECONDS - STARTED > TIME_LIMIT)); then
    echo "!! The run has used its $TIME_LIMIT s: stopping before \"$PHASE\"."
    exit 124
  fi
  printf '\n== %s\n' "$PHASE"
}

end_phase() {
  if [[ -n $PHASE ]]; then
    TIMINGS+=("$(printf '%4d s  %s' $((SECONDS - PHASE_STARTED)) "$PHASE")")
    PHASE=''
  fi
}

# Runs a helper of .ci/scale/ with a time limit; its PASS/FAIL lines go to the log and the summary.
check() {
  local name=$1 limit=$2
  shift 2
  local out=$DIR/check.out
  if ! ts_node "$limit" "$@" 2>&1 | tee "$out"; then
    FAILED+=("$name")
    grep -q '^FAIL' "$out" \
      || echo "FAIL  $name: stopped without a verdict (an error, or over its $limit s)" | tee -a "$out"
  fi
  grep -E '^(PASS|FAIL)' "$out" >>"$DIR/results.log" || true
}

# Waits until a command succeeds, for at most $1 seconds.
wait_until() {
  local limit=$1 what=$2
  shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then
      echo "$what did not come up within $limit s."
      return 1
    fi
    sleep 0.2
  done
}

# Stops a process this script started: SIGTERM (or the given signal), then SIGKILL after $3 s.
stop_pid() {
  local pid=$1 signal=${2:-TERM} grace=${3:-15}
  [[ -n $pid ]] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill "-$signal" "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "Process $pid did not stop within $grace s: killing it."
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

# True once the outage probes have written at least $1 answers.
probes_answered() { [[ -f $DIR/outage.jsonl && $(wc -l <"$DIR/outage.jsonl") -ge $1 ]]; }

# Waits up to $2 s for a process this script started to end by itself, then stops it.
wait_pid() {
  local pid=$1 grace=$2
  local deadline=$((SECONDS + grace))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  stop_pid "$pid" TERM 5
}

# Distinct free TCP ports on 127.0.0.1.
free_ports() {
  node -e '
    const net = require("node:net")
    const count = Number(process.argv[1])
    const servers = []
    const open = () => new Promise((resolve) => {
      const server = net.createServer()
      server.listen(0, "127.0.0.1", () => { servers.push(server); resolve(server.address().port) })
    })
    ;(async () => {
      const ports = []
      for (let index = 0; index < count; index++) ports.push(await open())
      for (const server of servers) server.close()
      console.log(ports.join(" "))
    })()
  ' "$1"
}

random_secret() {
  node -p "require('node:crypto').randomBytes($1).toString('base64url')"
}

# A TypeScript helper, with the service's environment and a time limit: ts_node <seconds> <file> [args].
ts_node() {
  local limit=$1
  shift
  "${APP_ENV[@]}" timeout -k 5 "$limit" node --import=@poppinss/ts-exec "$@"
}

# innodb_flush_log_at_trx_commit=2: a commit reaches the operating system at once and the
# disk within a second. The faults tested here (an instance killed, MariaDB shut down
# cleanly) lose nothing either way, and 2,000 seat transactions in a row do not each wait
# for the disk. Production keeps the default, 1.
start_mariadb() {
  mariadbd --no-defaults --user=root --datadir="$DIR/mariadb/data" \
    --socket="$SOCKET_DIR/mysqld.sock" --pid-file="$SOCKET_DIR/mysqld.pid" \
    --bind-address=127.0.0.1 --port="$DB_PORT" --skip-name-resolve \
    --innodb-buffer-pool-size=256M --innodb-flush-log-at-trx-commit=2 \
    --log-error="$DIR/mariadb/error.log" "$@" </dev/null &
  MARIADB_PID=$!
  wait_until 60 MariaDB mariadb-admin --no-defaults -uroot --socket="$SOCKET_DIR/mysqld.sock" ping \
    || { tail -n 30 "$DIR/mariadb/error.log"; return 1; }
}

stop_mariadb() {
  [[ -n $MARIADB_PID ]] || return 0
  if kill -0 "$MARIADB_PID" 2>/dev/null; then
    timeout 30 mariadb-admin --no-defaults -uroot --socket="$SOCKET_DIR/mysqld.sock" shutdown \
      >/dev/null 2>&1 || true
  fi
  stop_pid "$MARIADB_PID" TERM 30
  MARIADB_PID=''
}

# True when GET /health on the port answers 200 (plain bash, no HTTP client needed).
healthy() {
  timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 \
    && printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3 && head -n 1 <&3" 2>/dev/null \
    | grep -q ' 200 '
}

# A web instance from the sources; env execs node, so $! is the server's own pid.
# Instance B also has DB_READ_HOSTS (the same server standing in for a replica),
# so Lucid's read/write split runs through every check too.
start_instance() {
  local name=$1
  local extra=()
  [[ $name == b ]] && extra=(DB_READ_HOSTS="127.0.0.1:$DB_PORT")
  "${APP_ENV[@]}" "${extra[@]}" PORT="${APP_PORT[$name]}" \
    node --import=@poppinss/ts-exec bin/server.ts >>"$DIR/app-$name.log" 2>&1 </dev/null &
  APP_PID[$name]=$!
}

wait_instance() {
  local name=$1
  wait_until 60 "Instance $name" healthy "${APP_PORT[$name]}" \
    || { tail -n 40 "$DIR/app-$name.log"; return 1; }
  echo "Instance ${name^^} (pid ${APP_PID[$name]}) answers on 127.0.0.1:${APP_PORT[$name]}."
}

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  set +e
  end_phase
  printf '\n== Clean-up\n'
  stop_pid "$PROBE_PID" TERM 5
  stop_pid "$NGINX_PID" QUIT 10
  for name in "${!APP_PID[@]}"; do stop_pid "${APP_PID[$name]}" TERM 15; done
  if [[ -n $REDIS_PID ]]; then
    timeout 10 redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1
    stop_pid "$REDIS_PID" TERM 10
  fi
  stop_mariadb
  [[ -n $SOCKET_DIR ]] && rm -rf "$SOCKET_DIR"
  local left=()
  for port in ${DB_PORT:-} ${REDIS_PORT:-} ${APP_PORT[a]:-} ${APP_PORT[b]:-} ${NGINX_PORT:-}; do
    if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then left+=("$port"); fi
  done
  if [[ ${#left[@]} -gt 0 ]]; then
    echo "Something still listens on ${left[*]}."
    code=1
  else
    echo "Everything this run started has stopped; its ports are closed."
  fi

  printf '\n== Summary\n'
  [[ ${#TIMINGS[@]} -gt 0 ]] && printf '%s\n' "${TIMINGS[@]}"
  printf '%4d s  total\n\n' $((SECONDS - STARTED))
  [[ -f $DIR/results.log ]] && grep -E '^(PASS|FAIL)' "$DIR/results.log"
  local passes fails
  passes=$(grep -c '^PASS' "$DIR/results.log" 2>/dev/null || true)
  fails=$(grep -c '^FAIL' "$DIR/results.log" 2>/dev/null || true)
  if [[ $code -eq 0 && ${fails:-0} -eq 0 && ${#FAILED[@]} -eq 0 && ${passes:-0} -gt 0 ]]; then
    rm -rf "$DIR/mariadb"
    echo "All ${passes} checks passed. Logs: tmp/scale/"
  else
    [[ $code -eq 0 ]] && code=1
    echo "FAILED (exit code $code). Logs and MariaDB's files are kept in tmp/scale/."
  fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- tools

phase 'Tools'
# The project's Node 24 (node_modules/.bin/node, from `npm install`) when the machine's is older.
if ! command -v node >/dev/null 2>&1 \
  || [[ $(node -p 'process.versions.node.split(".")[0]') -lt 24 ]]; then
  export PATH=$PWD/node_modules/.bin:$PATH
fi
[[ $(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0) -ge 24 ]] \
  || { echo "Node.js 24 is needed: run npm install first."; exit 1; }
for tool in mariadbd mariadb-install-db mariadb mariadb-admin redis-server redis-cli nginx timeout; do
  command -v "$tool" >/dev/null 2>&1 \
    || { echo "$tool is missing: apt-get install -y mariadb-server redis-server nginx"; exit 1; }
done
[[ -d node_modules/@adonisjs/redis ]] || { echo "Run npm install first."; exit 1; }
echo "node $(node --version), $(mariadbd --version | awk '{print $3}'), redis $(redis-server --version | awk '{print $3}' | tr -d 'v='), $(nginx -v 2>&1 | awk '{print $3}')"

rm -rf "$DIR"
mkdir -p "$DIR/env" "$DIR/mariadb/data" "$DIR/redis" "$DIR/nginx"
: >"$DIR/results.log"
read -r DB_PORT REDIS_PORT A_PORT B_PORT NGINX_PORT SMTP_PORT <<<"$(free_ports 6)"
APP_PORT[a]=$A_PORT
APP_PORT[b]=$B_PORT
APP_KEY=$(random_secret 32)
DB_USER=dcs_scale
DB_PASSWORD=$(random_secret 18)
DB_DATABASE=dcs_scale
# The environment of every process of the service and of the checks: nothing else leaks in,
# not even the checkout's .env (ENV_PATH points at an empty folder).
APP_ENV=(env -i PATH="$PATH" HOME="$HOME" TZ=UTC NODE_ENV=production ENV_PATH="$DIR/env/"
  HOST=127.0.0.1 PORT=0 APP_KEY="$APP_KEY" HEALTH_TOKEN="$APP_KEY" APP_URL="http://127.0.0.1:$NGINX_PORT" LOG_LEVEL=warn
  SESSION_DRIVER="${SCALE_SESSION_DRIVER:-}" DB_CONNECTION=mysql DB_HOST=127.0.0.1 DB_PORT="$DB_PORT"
  DB_USER="$DB_USER" DB_PASSWORD="$DB_PASSWORD" DB_DATABASE="$DB_DATABASE"
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" QUEUE_INLINE_WORKER=true
  MAIL_MAILER=smtp SMTP_HOST=127.0.0.1 SMTP_PORT="$SMTP_PORT" MAIL_FROM_ADDRESS=no-reply@scale.test
  SCALE_NGINX_URL="http://127.0.0.1:$NGINX_PORT" SCALE_A_URL="http://127.0.0.1:$A_PORT"
  SCALE_B_URL="http://127.0.0.1:$B_PORT" SCALE_FIXTURE="$DIR/fixture.json")
echo "Ports on 127.0.0.1: MariaDB $DB_PORT, Redis $REDIS_PORT, instance A $A_PORT, instance B $B_PORT, nginx $NGINX_PORT; e-mail goes to $SMTP_PORT, where nothing listens."

# ---------------------------------------------------------------- MariaDB and Redis

phase 'MariaDB and Redis'
SOCKET_DIR=$(mktemp -d /tmp/dcs-scale.XXXXXX)
mariadb-install-db --no-defaults --user=root --datadir="$DIR/mariadb/data" \
  --auth-root-authentication-method=socket --skip-test-db >"$DIR/mariadb/install.log" 2>&1 \
  || { cat "$DIR/mariadb/install.log"; exit 1; }
start_mariadb
mariadb --no-defaults -uroot --socket="$SOCKET_DIR/mysqld.sock" <<SQL
CREATE DATABASE \`$DB_DATABASE\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER '$DB_USER'@'127.0.0.1' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_DATABASE\`.* TO '$DB_USER'@'127.0.0.1';
SQL
echo "MariaDB (pid $MARIADB_PID) answers on 127.0.0.1:$DB_PORT."

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
  --dir "$DIR/redis" --logfile "$DIR/redis/redis.log" </dev/null &
REDIS_PID=$!
wait_until 20 Redis redis-cli -p "$REDIS_PORT" ping
echo "Redis (pid $REDIS_PID) answers on 127.0.0.1:$REDIS_PORT."

# ---------------------------------------------------------------- the application

phase 'Schema, assets and test data'
MANIFEST=public/assets/.vite/manifest.json
if [[ ! -f $MANIFEST ]] || [[ -n $(find resources vite.config.ts -newer "$MANIFEST" -print -quit) ]]; then
  step_started=$SECONDS
  timeout 120 npx vite build >"$DIR/vite.log" 2>&1 || { tail -n 30 "$DIR/vite.log"; exit 1; }
  echo "Built the assets (npx vite build) in $((SECONDS - step_started)) s: they were older than resources/."
else
  echo "The built assets are up to date."
fi
step_started=$SECONDS
"${APP_ENV[@]}" timeout 180 node ace migration:run --force >"$DIR/migrate.log" 2>&1 \
  || { tail -n 30 "$DIR/migrate.log"; exit 1; }
echo "Migrated: $(grep -c 'migrated' "$DIR/migrate.log" || true) migrations in $((SECONDS - step_started)) s."
ts_node 180 .ci/scale/app_state.ts seed "$DIR/fixture.json" "$LEARNERS"

phase 'Two instances behind nginx'
start_instance a
start_instance b
cat >"$DIR/nginx/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log warn;
worker_rlimit_nofile 16384;
events { worker_connections 8192; }
http {
  access_log $DIR/nginx/access.log combined buffer=64k flush=1s;
  client_body_temp_path $DIR/nginx/body;
  proxy_temp_path $DIR/nginx/proxy;
  fastcgi_temp_path $DIR/nginx/fastcgi;
  uwsgi_temp_path $DIR/nginx/uwsgi;
  scgi_temp_path $DIR/nginx/scgi;
  upstream dcs {
    server 127.0.0.1:$A_PORT max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$B_PORT max_fails=1 fail_timeout=10s;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT backlog=4096;
    location / {
      proxy_pass http://dcs;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # On a refused connection the request moves to the other instance. A request
      # already sent is never repeated: nginx does not retry a POST once sent.
      proxy_next_upstream error timeout;
      proxy_connect_timeout 5s;
      proxy_read_timeout 120s;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
NGINX
nginx -t -p "$DIR/nginx/" -e "$DIR/nginx/error.log" -c "$DIR/nginx/nginx.conf" >/dev/null 2>&1 \
  || { nginx -t -p "$DIR/nginx/" -e "$DIR/nginx/error.log" -c "$DIR/nginx/nginx.conf"; exit 1; }
nginx -p "$DIR/nginx/" -e "$DIR/nginx/error.log" -c "$DIR/nginx/nginx.conf" </dev/null &
NGINX_PID=$!
wait_instance a
wait_instance b
wait_until 20 nginx healthy "$NGINX_PORT"
echo "nginx (pid $NGINX_PID) answers on 127.0.0.1:$NGINX_PORT, in front of both."
if command -v ss >/dev/null 2>&1; then
  listeners=$(ss -Hltn | awk '{print $4}' \
    | grep -E ":($DB_PORT|$REDIS_PORT|$A_PORT|$B_PORT|$NGINX_PORT)\$" | sort -u || true)
  echo "Listening: $(tr '\n' ' ' <<<"$listeners")"
  if grep -qvE '^127\.0\.0\.1:' <<<"$listeners"; then
    echo "Something of this run listens beyond 127.0.0.1."
    exit 1
  fi
fi

# ---------------------------------------------------------------- checks

wanted() { [[ $CHECKS == *" $1 "* ]]; }

if wanted a; then
  phase 'a. Session across instances'
  check 'a. session' 60 .ci/scale/checks.ts session
  # Where the sessions are: rows of the sessions table, or Redis keys named by a bare session id.
  if [[ ${SCALE_SESSION_DRIVER:-redis} == database ]]; then
    echo "      MariaDB holds $(mariadb --no-defaults -uroot --socket="$SOCKET_DIR/mysqld.sock" -N \
      -e "SELECT COUNT(*) FROM \`$DB_DATABASE\`.sessions") sessions."
  else
    echo "      Redis holds $(redis-cli -p "$REDIS_PORT" --scan \
      --pattern '????????-????-????-????-????????????' | wc -l) sessions."
  fi
fi

if wanted b; then
  phase 'b. Shared sign-in rate limit'
  check 'b. rate limit' 60 .ci/scale/checks.ts rate-limit
  echo "      Redis holds $(redis-cli -p "$REDIS_PORT" --scan --pattern '*sign_in*' | wc -l) sign-in counter keys."
fi

if wanted e; then
  phase 'e. Cache, locks and queue through Redis'
  check 'e. shared state' 60 .ci/scale/app_state.ts shared "$DIR/fixture.json"
fi

if wanted c; then
  phase "c. $LEARNERS concurrent enrolments for 50 seats"
  check 'c. crowd' 180 .ci/scale/checks.ts crowd
fi

if wanted d1; then
  phase 'd1. kill -9 of instance A under load'
  # (stderr of the shell itself is silenced here: it would report the killed job.)
  check 'd1. kill' 180 .ci/scale/checks.ts kill "${APP_PID[a]}" "$A_PORT" "$KILL_LEARNERS" 2>/dev/null
  wait "${APP_PID[a]}" 2>/dev/null || true
  echo "Restarting instance A, as a supervisor would."
  start_instance a
  wait_instance a
fi

if wanted d2; then
  phase 'd2. MariaDB stopped and started under load'
  rm -f "$DIR/outage.stop" "$DIR/outage.jsonl"
  "${APP_ENV[@]}" node --import=@poppinss/ts-exec .ci/scale/checks.ts outage-probe \
    "$DIR/outage.jsonl" "$DIR/outage.stop" >"$DIR/outage-probe.log" 2>&1 </dev/null &
  PROBE_PID=$!
  # The probes answer normally for a while first (a dozen answers, then a second more).
  wait_until 30 'The probes' probes_answered 12 || { cat "$DIR/outage-probe.log"; exit 1; }
  sleep 1
  t_stop=$(now_ms)
  timeout 30 mariadb-admin --no-defaults -uroot --socket="$SOCKET_DIR/mysqld.sock" shutdown || true
  stop_pid "$MARIADB_PID" TERM 30
  t_down=$(now_ms)
  echo "MariaDB stopped; the probes go on for 4 s."
  sleep 4
  t_start=$(now_ms)
fi
# Back (or, without d2, restarted) with a 2 s lock-wait timeout for d3; every connection is new then.
if wanted d2 || wanted d3; then
  wanted d2 || stop_mariadb
  start_mariadb --innodb-lock-wait-timeout=2
fi
if wanted d2; then
  t_up=$(now_ms)
  echo "MariaDB answers again, $((t_up - t_start)) ms after its start; the probes go on for 7 s."
  sleep 7
  touch "$DIR/outage.stop"
  wait_pid "$PROBE_PID" 20
  PROBE_PID=''
  [[ -s $DIR/outage-probe.log ]] && cat "$DIR/outage-probe.log"
  check 'd2. outage' 60 .ci/scale/checks.ts outage-verdict "$DIR/outage.jsonl" \
    "$t_stop" "$t_down" "$t_start" "$t_up"
fi

if wanted d3; then
  phase 'd3. Row lock held past the lock-wait timeout'
  check 'd3. lock' 60 .ci/scale/checks.ts lock
fi

if [[ -n ${SCALE_HOLD:-} ]]; then
  echo "Holding for $SCALE_HOLD s: A ${APP_PORT[a]}, B ${APP_PORT[b]}, nginx $NGINX_PORT, MariaDB $DB_PORT ($DB_USER / $DB_PASSWORD), Redis $REDIS_PORT"
  sleep "$SCALE_HOLD" &
  wait $!
fi

end_phase
