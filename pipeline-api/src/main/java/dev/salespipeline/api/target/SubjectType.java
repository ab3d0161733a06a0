package dev.salespipeline.api.target;

import java.util.Locale;

/** Whom a sales target is for: one owner (a rep) or a whole team. */
public enum SubjectType {

    OWNER,
    TEAM;

    /** The lower-case name used in target ids and REST paths: {@code owner} or {@code team}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for anything but {@code owner} or {@code team}
     */
    public static SubjectType fromKey(String key) {
        for (SubjectType type : values()) {
            if (type.key().equals(key)) {
                return type;
            }
        }
        throw new IllegalArgumentException("a target is for an owner or a team: " + key);
    }
}
