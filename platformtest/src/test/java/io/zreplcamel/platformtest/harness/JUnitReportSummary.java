package io.zreplcamel.platformtest.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Host side of {@code platformtest/run}: reads the JUnit XML reports ({@code TEST-*.xml}) in the given
 * directories, prints one block per failed test and, as its last line, {@code N passed, N failed, N skipped}.
 * Exit code 0 when tests ran and none failed, 1 when any failed, 2 when no test ran (or no report).
 * Not a test: it has no {@code @Test} methods and the guest's class-path scan ignores it.
 */
public final class JUnitReportSummary {

    private JUnitReportSummary() {
    }

    record Case(String className, String name, String outcome, String message, String detail, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        List<Case> cases = new ArrayList<>();
        int reports = 0;
        for (String a : args) {
            Path dir = Path.of(a);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                    cases.addAll(parse(p));
                    reports++;
                }
            }
        }
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Case c : cases) {
            switch (c.outcome()) {
                case "passed" -> passed++;
                case "skipped" -> skipped++;
                default -> {
                    failed++;
                    System.out.printf("FAILED %s.%s  (%s, %.1f s)%n", shortName(c.className()), c.name(), c.outcome(), c.seconds());
                    c.message().lines().limit(12).forEach(l -> System.out.println("    " + l));
                    c.detail().lines().map(String::strip)
                            .filter(l -> l.startsWith("at io.zreplcamel.") && !l.contains(".Sh."))
                            .distinct().limit(4).forEach(l -> System.out.println("      " + l));
                }
            }
        }
        if (reports == 0) {
            System.out.println("no JUnit XML report found in " + String.join(" ", args));
        }
        System.out.println(passed + " passed, " + failed + " failed, " + skipped + " skipped");
        System.exit(failed > 0 ? 1 : (passed == 0 ? 2 : 0));
    }

    private static String shortName(String className) {
        return className.startsWith("io.zreplcamel.platformtest.")
                ? className.substring("io.zreplcamel.platformtest.".length()) : className;
    }

    static List<Case> parse(Path report) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc;
        try {
            doc = f.newDocumentBuilder().parse(report.toFile());
        } catch (IOException | org.xml.sax.SAXException e) {
            // a truncated report (guest died mid-write) counts as one failure, not as silence
            return List.of(new Case(report.getFileName().toString(), "(report)", "error",
                    "unreadable JUnit report: " + e.getMessage(), "", 0));
        }
        List<Case> out = new ArrayList<>();
        NodeList tcs = doc.getElementsByTagName("testcase");
        for (int i = 0; i < tcs.getLength(); i++) {
            Element tc = (Element) tcs.item(i);
            String outcome = "passed";
            String message = "";
            String detail = "";
            for (Node n = tc.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    switch (e.getTagName()) {
                        case "failure", "error" -> {
                            outcome = e.getTagName();
                            message = e.getAttribute("message");
                            detail = e.getTextContent();
                            if (message.isBlank()) {
                                message = detail.lines().findFirst().orElse("");
                            }
                        }
                        case "skipped" -> {
                            if (outcome.equals("passed")) {
                                outcome = "skipped";
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            double secs = 0;
            try {
                secs = Double.parseDouble(tc.getAttribute("time"));
            } catch (NumberFormatException ignored) {
                // no time recorded
            }
            out.add(new Case(tc.getAttribute("classname"), tc.getAttribute("name"), outcome, message, detail, secs));
        }
        return out;
    }
}
