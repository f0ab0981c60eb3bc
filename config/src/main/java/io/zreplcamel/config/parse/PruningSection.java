package io.zreplcamel.config.parse;

import io.zreplcamel.config.model.pruning.KeepRule;
import io.zreplcamel.config.model.pruning.Pruning;
import io.zreplcamel.config.values.GoRegex;
import io.zreplcamel.config.values.RetentionGrid;
import io.zreplcamel.config.yaml.Where;
import io.zreplcamel.config.yaml.YamlMap;
import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/** Keep-rule lists (zrepl §10). */
final class PruningSection {

    private PruningSection() {
    }

    /** The rules under {@code key} (required, non-empty); {@code singleSite}: snap jobs have no replication cursor. */
    static List<KeepRule> rules(YamlMap pruning, String key, boolean singleSite) {
        List<Node> nodes = pruning.list(key, true);
        if (nodes == null) {
            return null;
        }
        List<KeepRule> rules = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < nodes.size(); i++) {
            KeepRule r = rule(pruning.where().key(key).index(i), nodes.get(i), singleSite);
            if (r == null) {
                ok = false;
            } else {
                rules.add(r);
            }
        }
        return ok ? rules : null;
    }

    /**
     * {@code protect_newest} (zrepl-camel's extension, not in zrepl's format): a boolean, default
     * {@link Pruning#PROTECT_NEWEST_DEFAULT}. Null after a problem, which is reported at the value
     * (file:line:column), as for every other key.
     */
    static Boolean protectNewest(YamlMap pruning) {
        return pruning.bool(Pruning.PROTECT_NEWEST_KEY, Pruning.PROTECT_NEWEST_DEFAULT);
    }

    private static KeepRule rule(Where where, Node node, boolean singleSite) {
        YamlMap m = YamlMap.of(where, node);
        if (m == null) {
            return null;
        }
        String type = Sections.type(m, List.of("not_replicated", "last_n", "regex", "grid"));
        KeepRule result = null;
        if (type != null) {
            result = switch (type) {
                case "not_replicated" -> {
                    Boolean atCursor = m.bool("keep_snapshot_at_cursor", true);
                    if (singleSite) {
                        where.key("type").error(m.locate("type"), "a snap job cannot use the `not_replicated`"
                                + " keep rule (it does not replicate)");
                        yield null;
                    }
                    yield atCursor == null ? null : new KeepRule.NotReplicated(atCursor);
                }
                case "last_n" -> {
                    Long count = m.integer("count", null, 1, Integer.MAX_VALUE);
                    GoRegex regex = m.parsed("regex", "", GoRegex::compile);
                    yield Values.allPresent(count, regex) ? new KeepRule.LastN(count.intValue(), regex) : null;
                }
                case "regex" -> {
                    GoRegex regex = requiredRegex(m);
                    Boolean negate = m.bool("negate", false);
                    yield Values.allPresent(regex, negate) ? new KeepRule.Regex(regex, negate) : null;
                }
                case "grid" -> {
                    String spec = m.requiredString("grid");
                    RetentionGrid grid = null;
                    if (spec != null) {
                        try {
                            grid = RetentionGrid.parse(spec);
                        } catch (IllegalArgumentException e) {
                            where.key("grid").error(m.locate("grid"), e.getMessage());
                        }
                    }
                    GoRegex regex = requiredRegex(m);
                    yield Values.allPresent(grid, regex) ? new KeepRule.Grid(grid, regex) : null;
                }
                default -> throw new AssertionError(type);
            };
        }
        m.finish();
        return result;
    }

    private static GoRegex requiredRegex(YamlMap m) {
        String text = m.requiredString("regex");
        if (text == null) {
            return null;
        }
        try {
            return GoRegex.compile(text);
        } catch (IllegalArgumentException e) {
            m.where().key("regex").error(m.locate("regex"), e.getMessage());
            return null;
        }
    }
}
