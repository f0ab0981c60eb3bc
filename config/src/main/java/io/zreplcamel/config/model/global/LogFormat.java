package io.zreplcamel.config.model.global;

/** A logging outlet's {@code format}. */
public enum LogFormat {
    HUMAN, LOGFMT, JSON;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
