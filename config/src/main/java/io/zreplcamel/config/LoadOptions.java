package io.zreplcamel.config;

/**
 * Options for {@link ConfigLoader}. {@code skipCertCheck} does not open TLS certificate and key files (zrepl's
 * {@code configcheck --skip-cert-check}), e.g. to check a config on another machine than the one it is for.
 */
public record LoadOptions(boolean skipCertCheck) {

    public static final LoadOptions DEFAULTS = new LoadOptions(false);
}
