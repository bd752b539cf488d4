package dev.periscope.access;

import dev.periscope.security.Roles;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the policy YAML strictly: unknown keys, unknown roles and malformed values are errors with the file's line,
 * because a typo in an access policy must never silently widen or narrow access.
 */
final class PolicyParser {

    private static final Set<String> ROLE_KEYS = Set.of("logs", "metrics", "dashboards", "masking", "requestable",
            "break-glass", "max-range");

    private final String source;

    private PolicyParser(String source) {
        this.source = source;
    }

    static AccessPolicy parse(String yaml, String source) {
        return new PolicyParser(source).parse(yaml);
    }

    private AccessPolicy parse(String yaml) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            throw new PolicyException(source, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    e.getProblem());
        } catch (RuntimeException e) {
            throw new PolicyException(source, 0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new PolicyException(source, 0, "the policy file is empty");
        }
        Map<String, Node> top = mapping(root, Set.of("version", "roles", "high-risk-services"));
        Map<String, RolePolicy> roles = new LinkedHashMap<>();
        Node rolesNode = top.get("roles");
        if (rolesNode == null) {
            throw error(root, "the policy has no 'roles' section");
        }
        for (NodeTuple tuple : asMapping(rolesNode).getValue()) {
            String role = scalar(tuple.getKeyNode()).toUpperCase(Locale.ROOT);
            if (!Roles.ALL.contains(role)) {
                throw error(tuple.getKeyNode(), "unknown role '" + scalar(tuple.getKeyNode()) + "'; the roles are "
                        + String.join(", ", Roles.ALL));
            }
            // Role names are read case-insensitively, so "developer" after "DEVELOPER" would silently replace it.
            if (roles.containsKey(role)) {
                throw error(tuple.getKeyNode(), "the role '" + role + "' is defined twice");
            }
            roles.put(role, role(tuple.getValueNode()));
        }
        ServiceFilter highRisk = top.containsKey("high-risk-services")
                ? new ServiceFilter(strings(top.get("high-risk-services")), List.of())
                : ServiceFilter.NONE;
        return new AccessPolicy(roles, highRisk, source);
    }

    private RolePolicy role(Node node) {
        if (node instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("null"))) {
            return RolePolicy.NOTHING;
        }
        Map<String, Node> keys = mapping(node, ROLE_KEYS);
        ServiceFilter services = ServiceFilter.NONE;
        Duration maxRange = Duration.ofDays(1);
        boolean export = false;
        if (keys.containsKey("logs")) {
            Map<String, Node> logs = mapping(keys.get("logs"), Set.of("services", "export"));
            if (logs.containsKey("services")) {
                services = filter(logs.get("services"));
            }
            if (logs.containsKey("export")) {
                export = bool(logs.get("export"));
            }
        }
        if (keys.containsKey("max-range")) {
            maxRange = duration(keys.get("max-range"));
        }
        Map<String, ServiceFilter> labels = new HashMap<>();
        boolean metricsAccess = keys.containsKey("metrics");
        if (metricsAccess) {
            Map<String, Node> metrics = mapping(keys.get("metrics"), Set.of("labels"));
            if (metrics.containsKey("labels")) {
                for (NodeTuple t : asMapping(metrics.get("labels")).getValue()) {
                    String label = scalar(t.getKeyNode());
                    if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*") || label.startsWith("__")) {
                        throw error(t.getKeyNode(), "not a valid Prometheus label name: '" + label + "'");
                    }
                    labels.put(label, filter(t.getValueNode()));
                }
            }
        }
        List<String> dashboards = keys.containsKey("dashboards") ? strings(keys.get("dashboards")) : List.of();
        Set<String> exempt = Set.of();
        if (keys.containsKey("masking")) {
            Map<String, Node> masking = mapping(keys.get("masking"), Set.of("exempt"));
            exempt = masking.containsKey("exempt") ? new HashSet<>(strings(masking.get("exempt"))) : Set.of();
        }
        List<RolePolicy.Requestable> requestable = new ArrayList<>();
        if (keys.containsKey("requestable")) {
            Node list = keys.get("requestable");
            if (!(list instanceof SequenceNode seq)) {
                throw error(list, "'requestable' must be a list");
            }
            for (Node item : seq.getValue()) {
                requestable.add(requestable(item));
            }
        }
        RolePolicy.BreakGlass breakGlass = RolePolicy.BreakGlass.NOT_ALLOWED;
        if (keys.containsKey("break-glass")) {
            Map<String, Node> bg = mapping(keys.get("break-glass"), Set.of("max-duration"));
            if (!bg.containsKey("max-duration")) {
                throw error(keys.get("break-glass"), "'break-glass' needs a 'max-duration'");
            }
            breakGlass = new RolePolicy.BreakGlass(true, duration(bg.get("max-duration")));
        }
        return new RolePolicy(services, metricsAccess ? java.util.Optional.of(labels) : java.util.Optional.empty(), dashboards, maxRange, export, exempt, requestable, breakGlass);
    }

    private RolePolicy.Requestable requestable(Node node) {
        Map<String, Node> keys = mapping(node, Set.of("kind", "services", "categories", "max-duration"));
        for (String required : List.of("kind", "services", "max-duration")) {
            if (!keys.containsKey(required)) {
                throw error(node, "a requestable entry needs '" + required + "'");
            }
        }
        GrantKind kind;
        try {
            kind = GrantKind.valueOf(scalar(keys.get("kind")).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(keys.get("kind"), "kind must be service, unmask or reveal");
        }
        Set<String> categories = keys.containsKey("categories") ? new HashSet<>(strings(keys.get("categories"))) : Set.of();
        if (kind == GrantKind.UNMASK && categories.isEmpty()) {
            throw error(node, "an 'unmask' entry needs the masking 'categories' it may cover");
        }
        return new RolePolicy.Requestable(kind, filter(keys.get("services")), categories, duration(keys.get("max-duration")));
    }

    private ServiceFilter filter(Node node) {
        try {
            if (node instanceof SequenceNode) {
                return new ServiceFilter(strings(node), List.of());
            }
            Map<String, Node> keys = mapping(node, Set.of("include", "exclude"));
            return new ServiceFilter(keys.containsKey("include") ? strings(keys.get("include")) : List.of(),
                    keys.containsKey("exclude") ? strings(keys.get("exclude")) : List.of());
        } catch (IllegalArgumentException e) {
            throw error(node, e.getMessage());
        }
    }

    private Map<String, Node> mapping(Node node, Set<String> allowed) {
        Map<String, Node> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : asMapping(node).getValue()) {
            String key = scalar(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "'; expected one of " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
            keys.put(key, tuple.getValueNode());
        }
        return keys;
    }

    private MappingNode asMapping(Node node) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(node, "expected a mapping (key: value)");
    }

    private String scalar(Node node) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(node, "expected a single value");
    }

    private List<String> strings(Node node) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue().stream().map(this::scalar).toList();
        }
        throw error(node, "expected a list, e.g. [a, b]");
    }

    private boolean bool(Node node) {
        String value = scalar(node);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw error(node, "expected true or false");
    }

    private Duration duration(Node node) {
        try {
            Duration d = DurationStyle.detectAndParse(scalar(node));
            if (d.isNegative() || d.isZero()) {
                throw error(node, "a duration must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw error(node, "not a duration: '" + scalar(node) + "' (use e.g. 30m, 4h, 7d)");
        }
    }

    private PolicyException error(Node node, String reason) {
        return new PolicyException(source, node.getStartMark().getLine() + 1, reason);
    }
}
