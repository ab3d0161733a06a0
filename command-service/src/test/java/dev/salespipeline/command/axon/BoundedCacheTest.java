package dev.salespipeline.command.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void theLeastRecentlyUsedEntryGoesWhenANewOneWouldExceedTheCapacity() {
        BoundedCache cache = new BoundedCache(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat((Integer) cache.get("a")).isEqualTo(1);

        cache.put("c", 3);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.containsKey("b")).as("b was used least recently").isFalse();
        assertThat((Integer) cache.get("a")).isEqualTo(1);
        assertThat((Integer) cache.get("c")).isEqualTo(3);
    }

    @Test
    void putIfAbsentAndComputeIfAbsentKeepTheEntryThatIsThere() {
        BoundedCache cache = new BoundedCache(3);
        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.computeIfAbsent("a", () -> 3)).isEqualTo(1);
        assertThat(cache.computeIfAbsent("b", () -> 4)).isEqualTo(4);
        cache.<Integer>computeIfPresent("b", value -> value + 1);
        assertThat((Integer) cache.get("b")).isEqualTo(5);
        cache.<Integer>computeIfPresent("b", value -> null);
        assertThat(cache.containsKey("b")).isFalse();
    }

    @Test
    void listenersHearOfEveryChangeAndOfWhatTheBoundDrops() {
        BoundedCache cache = new BoundedCache(1);
        List<String> heard = new ArrayList<>();
        var registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("dropped " + key);
            }
        });
        cache.put("a", 1);
        cache.put("a", 2);
        cache.put("b", 3);
        assertThat(cache.remove("b")).isTrue();
        assertThat(cache.remove("b")).isFalse();
        cache.put("c", 4);
        cache.removeAll();
        registration.cancel();
        cache.put("d", 5);

        assertThat(heard).containsExactly("created a", "updated a", "created b", "dropped a", "removed b",
                "created c", "removed c");
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aNullValueRemovesTheEntryAndACapacityBelowOneIsRefused() {
        BoundedCache cache = new BoundedCache(2);
        cache.put("a", 1);
        cache.put("a", null);
        assertThat(cache.containsKey("a")).isFalse();
        assertThatThrownBy(() -> new BoundedCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
