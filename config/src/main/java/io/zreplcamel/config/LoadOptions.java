package io.zreplcamel.config;

import java.util.Objects;

/**
 * Options for {@link ConfigLoader}. {@code skipCertCheck} does not open TLS certificate and key files (zrepl's
 * {@code configcheck --skip-cert-check}), e.g. to check a config on another machine than the one it is for.
 * {@code unimplemented} names what the loading program does not honour, to be reported at its place in the file.
 */
public record LoadOptions(boolean skipCertCheck, Unimplemented unimplemented) {

    public static final LoadOptions DEFAULTS = new LoadOptions(false, Unimplemented.NONE);

    public LoadOptions {
        Objects.requireNonNull(unimplemented, "unimplemented");
    }

    public LoadOptions(boolean skipCertCheck) {
        this(skipCertCheck, Unimplemented.NONE);
    }

    public LoadOptions withUnimplemented(Unimplemented u) {
        return new LoadOptions(skipCertCheck, u);
    }
}
