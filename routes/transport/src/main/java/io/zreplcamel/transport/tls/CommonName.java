package io.zreplcamel.transport.tls;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/** The subject common name of a certificate, as Go's {@code pkix.Name.CommonName}: the last CN in the subject. */
final class CommonName {

    private CommonName() {
    }

    static Optional<String> of(X509Certificate cert) {
        String rfc2253 = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
        LdapName name;
        try {
            name = new LdapName(rfc2253);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        // getRdns() is in ASN.1 order (the reverse of the string), so the last CN found is the last one encoded
        String cn = null;
        for (Rdn rdn : name.getRdns()) {
            if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String s) {
                cn = s;
            }
        }
        return Optional.ofNullable(cn);
    }
}
