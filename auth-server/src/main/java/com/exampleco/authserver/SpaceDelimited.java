package com.exampleco.authserver;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** OAuth 2.0 lists travel as space-delimited strings (RFC 6749 §3.3); this is the one place that splits and joins them. */
public final class SpaceDelimited {

    private SpaceDelimited() {
    }

    /** The distinct values in order; {@code null} or blank gives an empty list. */
    public static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(value.trim().split(" +"))));
    }

    public static String join(Collection<String> values) {
        return String.join(" ", values);
    }
}
