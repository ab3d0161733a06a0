package dev.salespipeline.query.metrics;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.salespipeline.api.Topics;

/**
 * The metric topics this service reads ({@link Topics#METRICS_TOPICS}) and the metric family each
 * carries: {@code pipeline.metrics.opened-deals.v1} carries {@code opened-deals}.
 */
public final class MetricTopics {

    private static final Pattern NAME = Pattern.compile("pipeline\\.metrics\\.([a-z0-9][a-z0-9-]*)\\.v[0-9]+");

    private MetricTopics() {
    }

    /** The family of a metric topic, for example {@code opened-deals}. */
    public static String family(String topic) {
        Matcher matcher = NAME.matcher(topic);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a metric topic: " + topic);
        }
        return matcher.group(1);
    }

    public static List<String> topics() {
        return Topics.METRICS_TOPICS;
    }

    public static Set<String> families() {
        Set<String> families = new LinkedHashSet<>();
        topics().forEach(topic -> families.add(family(topic)));
        return families;
    }

    public static boolean isKnown(String family) {
        return families().contains(family);
    }
}
