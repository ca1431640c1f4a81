package org.repcon.anomaly.unknown;

import java.util.Locale;

/** What an image is to the model: typical, unlikely (known but improbable) or unknown (outside what it learned). */
public enum Verdict {
    TYPICAL, UNLIKELY, UNKNOWN;

    /** The lower-case name, as written in CSV files and tables. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
