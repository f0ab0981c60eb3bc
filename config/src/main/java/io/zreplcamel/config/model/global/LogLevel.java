package io.zreplcamel.config.model.global;

/** A logging outlet's minimum {@code level}. */
public enum LogLevel {
    DEBUG, INFO, WARN, ERROR;

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
