package io.zreplcamel.zfs.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.junit.jupiter.api.Test;

/** The component documents itself like a Camel component: every option and header has a description. */
class ZfsMetadataTest {

    @Test
    void everyOptionHasADescriptionAndPrimitivesADefault() {
        List<Field> options = Arrays.stream(ZfsConfiguration.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(UriParam.class)).toList();
        assertThat(options).hasSizeGreaterThan(30);
        for (Field f : options) {
            UriParam p = f.getAnnotation(UriParam.class);
            assertThat(p.description()).as(f.getName()).isNotBlank();
            if (f.getType().isPrimitive()) {
                assertThat(p.defaultValue()).as("default of " + f.getName()).isNotBlank();
            }
        }
    }

    @Test
    void everyHeaderIsDocumented() throws Exception {
        for (Field f : ZfsConstants.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                Metadata m = f.getAnnotation(Metadata.class);
                assertThat(m).as(f.getName()).isNotNull();
                assertThat(m.description()).as(f.getName()).isNotBlank();
                assertThat((String) f.get(null)).startsWith("CamelZfs");
            }
        }
    }

    @Test
    void endpointMetadataListsEveryOperation() throws Exception {
        UriEndpoint e = ZfsEndpoint.class.getAnnotation(UriEndpoint.class);
        assertThat(e.scheme()).isEqualTo("zfs");
        assertThat(e.headersClass()).isEqualTo(ZfsConstants.class);
        UriPath path = ZfsEndpoint.class.getDeclaredField("operation").getAnnotation(UriPath.class);
        assertThat(path.enums().split(",")).containsExactlyElementsOf(
                Arrays.stream(ZfsOperation.values()).map(ZfsOperation::uriName).toList());
        for (ZfsOperation op : ZfsOperation.values()) {
            assertThat(ZfsOperation.fromUri(op.uriName())).isEqualTo(op);
        }
        assertThat(ZfsOperation.fromUri("receive")).isEqualTo(ZfsOperation.RECV);
    }
}
