package dev.salespipeline.query.live;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.kafka.common.TopicPartition;

import dev.salespipeline.api.Topics;

/**
 * A position in the topics of a channel: for each partition, the offset of the last record included,
 * -1 when none is. It is the SSE event id, so a client that reconnects with {@code Last-Event-ID}
 * resumes right after it.
 *
 * <p>Text form: one section per topic, separated by {@code ;}, each {@code <topic>:<partition>=<offset>,...}
 * with partitions in ascending order. The event topic is written {@code e}, a metric topic without its
 * {@code pipeline.metrics.} prefix: {@code e:0=15,1=9,2=33,3=-1,4=12,5=7} or
 * {@code opened-deals.v1:0=4,1=-1,2=8,3=0,4=2,5=1}.
 */
final class Positions {

    private static final String EVENTS_SHORT = "e";
    private static final String METRICS_PREFIX = "pipeline.metrics.";
    private static final String ALERTS_PREFIX = "pipeline.alerts.";
    private static final Pattern SECTION = Pattern.compile("[A-Za-z0-9._-]+:[0-9]+=-?[0-9]+(,[0-9]+=-?[0-9]+)*");
    private static final int MAX_LENGTH = 4096;

    private Positions() {
    }

    static String format(Map<TopicPartition, Long> positions) {
        Map<String, Map<Integer, Long>> byTopic = new TreeMap<>(Comparator.comparing(Positions::shortName));
        positions.forEach((partition, offset) ->
                byTopic.computeIfAbsent(partition.topic(), topic -> new TreeMap<>()).put(partition.partition(), offset));
        StringBuilder text = new StringBuilder();
        byTopic.forEach((topic, offsets) -> {
            if (!text.isEmpty()) {
                text.append(';');
            }
            text.append(shortName(topic)).append(':');
            boolean first = true;
            for (Map.Entry<Integer, Long> offset : offsets.entrySet()) {
                if (!first) {
                    text.append(',');
                }
                text.append(offset.getKey()).append('=').append(offset.getValue());
                first = false;
            }
        });
        return text.toString();
    }

    /**
     * Reads a position that must name exactly the given partitions.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static Map<TopicPartition, Long> parse(String text, Collection<TopicPartition> partitions) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("it is too long");
        }
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        for (String section : text.trim().split(";", -1)) {
            if (!SECTION.matcher(section).matches()) {
                throw new IllegalArgumentException("'" + section + "' is not <topic>:<partition>=<offset>,...");
            }
            int colon = section.indexOf(':');
            String topic = longName(section.substring(0, colon));
            for (String entry : List.of(section.substring(colon + 1).split(","))) {
                int equals = entry.indexOf('=');
                TopicPartition partition;
                long offset;
                try {
                    partition = new TopicPartition(topic, Integer.parseInt(entry.substring(0, equals)));
                    offset = Long.parseLong(entry.substring(equals + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + entry + "' is out of range", e);
                }
                if (positions.put(partition, offset) != null) {
                    throw new IllegalArgumentException("it names " + partition + " twice");
                }
            }
        }
        if (!positions.keySet().equals(Set.copyOf(partitions))) {
            throw new IllegalArgumentException("it does not name the partitions of this stream, which are "
                    + format(placeholders(partitions)).replace("=-1", ""));
        }
        return positions;
    }

    private static Map<TopicPartition, Long> placeholders(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> placeholders = new LinkedHashMap<>();
        partitions.forEach(partition -> placeholders.put(partition, -1L));
        return placeholders;
    }

    private static String shortName(String topic) {
        if (topic.equals(Topics.PIPELINE_EVENTS)) {
            return EVENTS_SHORT;
        }
        return topic.startsWith(METRICS_PREFIX) ? topic.substring(METRICS_PREFIX.length()) : topic;
    }

    private static String longName(String shortName) {
        if (shortName.equals(EVENTS_SHORT)) {
            return Topics.PIPELINE_EVENTS;
        }
        // Alert topics are written out in full; metric topics without their common prefix.
        return shortName.startsWith(ALERTS_PREFIX) ? shortName : METRICS_PREFIX + shortName;
    }
}
