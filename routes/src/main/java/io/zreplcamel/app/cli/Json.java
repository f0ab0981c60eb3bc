package io.zreplcamel.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The CLI's JSON output, written by Jackson (the library that also marshals the daemon's events). Values are plain
 * trees: maps (keys in iteration order), lists, strings, numbers (big decimals written plain, never as
 * {@code 9E+2}), booleans and {@code null}. The layouts are the ones the CLI has always printed:
 * {@link #pretty} indents by two spaces with every element on its own line and empty containers as {@code {}} and
 * {@code []}; {@link #compact} is one line without spaces; {@link #oneLine} is one line with a space after each
 * {@code :} and {@code ,}; {@link #linePerElement} is a list with one {@link #oneLine} element per line.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private static final ObjectWriter COMPACT = MAPPER.writer();

    private static final ObjectWriter PRETTY = MAPPER.writer(prettyPrinter());

    private static final ObjectWriter ONE_LINE = MAPPER.writer(oneLinePrinter());

    private Json() {
    }

    public static String compact(Object value) {
        return write(COMPACT, value);
    }

    public static String pretty(Object value) {
        return write(PRETTY, value);
    }

    /** One line, {@code {"a": 1, "b": [1, 2]}}. */
    public static String oneLine(Object value) {
        return write(ONE_LINE, value);
    }

    /** A list as {@code [}, one {@link #oneLine} element per line indented by two spaces, {@code ]}. */
    public static String linePerElement(List<?> elements) {
        if (elements.isEmpty()) {
            return "[]";
        }
        return elements.stream().map(Json::oneLine).collect(Collectors.joining(",\n  ", "[\n  ", "\n]"));
    }

    private static String write(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter twoSpaces = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        printer.indentObjectsWith(twoSpaces);
        printer.indentArraysWith(twoSpaces);
        return printer;
    }

    private static DefaultPrettyPrinter oneLinePrinter() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(Separators.Spacing.AFTER)
                .withArrayValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        printer.indentObjectsWith(DefaultPrettyPrinter.NopIndenter.instance);
        printer.indentArraysWith(DefaultPrettyPrinter.NopIndenter.instance);
        return printer;
    }
}
