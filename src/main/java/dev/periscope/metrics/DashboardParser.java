package dev.periscope.metrics;

import dev.periscope.metrics.Dashboard.Panel;
import dev.periscope.metrics.Dashboard.Row;
import dev.periscope.metrics.Dashboard.Threshold;
import dev.periscope.metrics.Dashboard.Variable;
import dev.periscope.metrics.promql.PromQlParseException;
import dev.periscope.metrics.promql.PromQlParser;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a dashboard file strictly: unknown keys, unknown panel types or units, and queries that do not parse are
 * errors with the file and line, so a typo shows up when the file is saved, not as an empty panel.
 *
 * <pre>
 * title: Checkout
 * service: checkout                 # logs links use it when a series has no service label
 * time: {from: now-1h, to: now}
 * refresh: 30s                      # off, 10s, 30s or 1m
 * variables:
 *   - {name: service, label: service, metric: http_requests_total}
 * rows:
 *   - title: Traffic
 *     panels:
 *       - title: Requests per second
 *         query: sum by (service) (rate(http_requests_total{service=~"$service"}[5m]))
 *         unit: ops                 # none, bytes, seconds, percent (0-1), ops
 *         kind: stacked             # line, area, stacked
 *       - title: Error ratio
 *         type: stat
 *         query: sum(rate(http_requests_total{status=~"5.."}[5m])) / sum(rate(http_requests_total[5m]))
 *         unit: percent
 *         thresholds: [{value: 0.01, color: orange}, {value: 0.05, color: red}]
 *       - title: Top problems
 *         type: problems            # the service's most frequent stack-trace groups
 *         query: level:ERROR        # optional log filter
 *       - title: Alerts
 *         type: alerts              # pending and firing alerts in the user's scope
 *         query: '{service="checkout"}'   # optional label selector
 *       - title: Log events by level
 *         type: lograte             # events per second from the log store, no Prometheus needed
 *         query: service:checkout   # optional log filter
 *         split: level              # level (default), service or none
 *       - title: Error ratio from logs
 *         type: errorratio          # share of ERROR and FATAL events
 *         query: service:checkout
 *         split: none               # none (default) or service
 * </pre>
 */
final class DashboardParser {

    static final Set<String> UNITS = Set.of("none", "bytes", "seconds", "percent", "ops");
    static final Set<String> KINDS = Set.of("line", "area", "stacked");
    static final Map<String, Duration> REFRESH = Map.of("off", Duration.ZERO, "10s", Duration.ofSeconds(10),
            "30s", Duration.ofSeconds(30), "1m", Duration.ofMinutes(1));
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern COLOR = Pattern.compile("[a-z]{3,20}|#[0-9a-fA-F]{6}");
    private static final Pattern VARIABLE = Pattern.compile("\\$([a-zA-Z_][a-zA-Z0-9_]*)");

    private final String file;

    private DashboardParser(String file) {
        this.file = file;
    }

    static Dashboard parse(String id, String yaml, String file) {
        return new DashboardParser(file).parse(id, yaml);
    }

    private Dashboard parse(String id, String yaml) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            throw new DashboardException(file, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    e.getProblem());
        } catch (RuntimeException e) {
            throw new DashboardException(file, 0, "not valid YAML");
        }
        if (root == null) {
            throw new DashboardException(file, 0, "the dashboard file is empty");
        }
        Map<String, Node> top = mapping(root, Set.of("title", "service", "time", "refresh", "variables", "rows"));
        String title = required(root, top, "title");
        String from = "now-1h";
        String to = "now";
        if (top.containsKey("time")) {
            Map<String, Node> time = mapping(top.get("time"), Set.of("from", "to"));
            from = time.containsKey("from") ? scalar(time.get("from")) : from;
            to = time.containsKey("to") ? scalar(time.get("to")) : to;
        }
        Duration refresh = Duration.ZERO;
        if (top.containsKey("refresh")) {
            String r = scalar(top.get("refresh"));
            refresh = Optional.ofNullable(REFRESH.get(r)).orElseThrow(() -> error(top.get("refresh"),
                    "refresh must be off, 10s, 30s or 1m, not '" + r + "'"));
        }
        List<Variable> variables = new ArrayList<>();
        if (top.containsKey("variables")) {
            for (Node v : sequence(top.get("variables"))) {
                Map<String, Node> m = mapping(v, Set.of("name", "label", "metric"));
                String name = name(v, m, "name");
                if (variables.stream().anyMatch(x -> x.name().equals(name))) {
                    throw error(v, "the variable '" + name + "' is defined twice");
                }
                variables.add(new Variable(name, name(v, m, "label"), m.containsKey("metric")
                        ? metric(m.get("metric")) : ""));
            }
        }
        if (!top.containsKey("rows")) {
            throw error(root, "the dashboard has no 'rows'");
        }
        List<Row> rows = new ArrayList<>();
        for (Node r : sequence(top.get("rows"))) {
            Map<String, Node> m = mapping(r, Set.of("title", "panels"));
            String rowTitle = m.containsKey("title") ? scalar(m.get("title")) : "";
            if (!m.containsKey("panels")) {
                throw error(r, "the row has no 'panels'");
            }
            List<Panel> panels = new ArrayList<>();
            for (Node p : sequence(m.get("panels"))) {
                panels.add(panel(p, variables));
            }
            rows.add(new Row(rowTitle, panels));
        }
        Optional<String> service = top.containsKey("service") ? Optional.of(scalar(top.get("service")))
                : Optional.empty();
        return new Dashboard(id, title, file, service, from, to, refresh, variables, rows);
    }

    private Panel panel(Node node, List<Variable> variables) {
        Map<String, Node> m = mapping(node, Set.of("title", "type", "query", "unit", "kind", "thresholds", "split"));
        String title = required(node, m, "title");
        Panel.Type type = Panel.Type.TIMESERIES;
        if (m.containsKey("type")) {
            String t = scalar(m.get("type"));
            type = switch (t) {
                case "timeseries" -> Panel.Type.TIMESERIES;
                case "stat" -> Panel.Type.STAT;
                case "problems" -> Panel.Type.PROBLEMS;
                case "alerts" -> Panel.Type.ALERTS;
                case "lograte" -> Panel.Type.LOGRATE;
                case "errorratio" -> Panel.Type.ERRORRATIO;
                default -> throw error(m.get("type"), "the panel type must be timeseries, stat, problems, alerts, "
                        + "lograte or errorratio, not '" + t + "'");
            };
        }
        String query;
        if (type.fromLogs()) {
            // Log panels filter log events (optional); variables are PromQL regexes and do not fit a log query.
            query = m.containsKey("query") ? scalar(m.get("query")) : "";
            if (VARIABLE.matcher(query).find()) {
                throw error(m.get("query"), "a log panel's query cannot use dashboard variables");
            }
        } else if (type == Panel.Type.ALERTS) {
            query = m.containsKey("query") ? scalar(m.get("query")) : "";
            if (!query.isBlank()) {
                checkSelector(m.get("query"), query, variables);
            }
        } else {
            query = required(node, m, "query");
            checkQuery(m.get("query"), query, variables);
        }
        Panel.Split split = split(m, type);
        String unit = oneOf(m, "unit", UNITS, switch (type) {
            case LOGRATE -> "ops";
            case ERRORRATIO -> "percent";
            default -> "none";
        });
        String kind = oneOf(m, "kind", KINDS, "line");
        List<Threshold> thresholds = new ArrayList<>();
        if (m.containsKey("thresholds")) {
            for (Node t : sequence(m.get("thresholds"))) {
                Map<String, Node> tm = mapping(t, Set.of("value", "color"));
                String color = required(t, tm, "color");
                if (!COLOR.matcher(color).matches()) {
                    throw error(tm.get("color"), "a colour is a name (red) or #rrggbb, not '" + color + "'");
                }
                try {
                    thresholds.add(new Threshold(Double.parseDouble(required(t, tm, "value")), color));
                } catch (NumberFormatException e) {
                    throw error(tm.get("value"), "a threshold value must be a number");
                }
            }
        }
        return new Panel(title, type, query, unit, kind, thresholds, split);
    }

    private Panel.Split split(Map<String, Node> m, Panel.Type type) {
        Panel.Split fallback = type == Panel.Type.LOGRATE ? Panel.Split.LEVEL : Panel.Split.NONE;
        if (!m.containsKey("split")) {
            return fallback;
        }
        Set<String> allowed = switch (type) {
            case LOGRATE -> Set.of("level", "service", "none");
            case ERRORRATIO -> Set.of("service", "none");
            default -> throw error(m.get("split"), "only lograte and errorratio panels have a 'split'");
        };
        return Panel.Split.valueOf(oneOf(m, "split", allowed, "none").toUpperCase(Locale.ROOT));
    }

    /** An alerts panel's filter: a label selector such as {@code {service="checkout"}}, variables allowed. */
    private void checkSelector(Node node, String selector, List<Variable> variables) {
        checkVariables(node, selector, variables);
        try {
            PromQlParser.parseSelector(VARIABLE.matcher(selector).replaceAll("x"));
        } catch (PromQlParseException e) {
            throw error(node, "the query is not a label selector such as {service=\"checkout\"}: " + e.getMessage());
        }
    }

    /** The query must parse with every variable replaced, and may use only the variables the dashboard defines. */
    private void checkQuery(Node node, String query, List<Variable> variables) {
        checkVariables(node, query, variables);
        try {
            PromQlParser.parse(VARIABLE.matcher(query).replaceAll("x"));
        } catch (PromQlParseException e) {
            throw error(node, "the query does not parse: " + e.getMessage());
        }
    }

    private void checkVariables(Node node, String query, List<Variable> variables) {
        var used = VARIABLE.matcher(query);
        while (used.find()) {
            String name = used.group(1);
            if (variables.stream().noneMatch(v -> v.name().equals(name))) {
                throw error(node, "the query uses $" + name + ", which the dashboard does not define");
            }
        }
    }

    private String oneOf(Map<String, Node> m, String key, Set<String> allowed, String fallback) {
        if (!m.containsKey(key)) {
            return fallback;
        }
        String v = scalar(m.get(key)).toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw error(m.get(key), key + " must be one of " + String.join(", ", allowed.stream().sorted().toList())
                    + ", not '" + v + "'");
        }
        return v;
    }

    private String metric(Node node) {
        String v = scalar(node);
        if (!v.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw error(node, "not a metric name: '" + v + "'");
        }
        return v;
    }

    private String name(Node parent, Map<String, Node> m, String key) {
        String v = required(parent, m, key);
        if (!NAME.matcher(v).matches()) {
            throw error(m.get(key), "not a name: '" + v + "' (letters, digits and _)");
        }
        return v;
    }

    private String required(Node parent, Map<String, Node> m, String key) {
        if (!m.containsKey(key)) {
            throw error(parent, "'" + key + "' is missing");
        }
        String v = scalar(m.get(key));
        if (v.isBlank()) {
            throw error(m.get(key), "'" + key + "' is empty");
        }
        return v;
    }

    private Map<String, Node> mapping(Node node, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, "expected a mapping (key: value)");
        }
        Map<String, Node> result = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            String key = scalar(t.getKeyNode());
            if (!allowed.contains(key)) {
                throw error(t.getKeyNode(), "unknown key '" + key + "'; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            result.put(key, t.getValueNode());
        }
        return result;
    }

    private List<Node> sequence(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            throw error(node, "expected a list");
        }
        return seq.getValue();
    }

    private String scalar(Node node) {
        if (!(node instanceof ScalarNode s)) {
            throw error(node, "expected a single value");
        }
        return s.getValue();
    }

    private DashboardException error(Node node, String problem) {
        return new DashboardException(file, node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1,
                problem);
    }
}
