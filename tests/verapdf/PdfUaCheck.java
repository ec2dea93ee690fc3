import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;
import org.verapdf.pdfa.validation.profiles.Rule;
import org.verapdf.pdfa.validation.validators.ValidatorFactory;

/**
 * Validate PDF files against veraPDF's PDF/UA-1 profile in one JVM (starting Java is the slow part).
 *
 * Usage: java -cp VERAPDF_JAR:JAXB_JARS PdfUaCheck.java FILE...
 * Prints, tab-separated, one line per file ("FILE path compliant|failed") followed by one line per
 * failed rule ("RULE clause-test count description | first location | first message").
 * Exit status 0 when every file was checked (compliant or not), 2 when one could not be read.
 */
public final class PdfUaCheck {
    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        PDFAValidator validator = ValidatorFactory.createValidator(PDFAFlavour.PDFUA_1, false, 0);
        int status = 0;
        for (String path : args) {
            try (PDFAParser parser = Foundries.defaultInstance().createParser(new File(path), PDFAFlavour.PDFUA_1)) {
                ValidationResult result = validator.validate(parser);
                System.out.println("FILE\t" + path + "\t" + (result.isCompliant() ? "compliant" : "failed"));
                Map<String, TestAssertion> first = new LinkedHashMap<>();
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (TestAssertion assertion : result.getTestAssertions()) {
                    if (assertion.getStatus() != TestAssertion.Status.FAILED) {
                        continue;
                    }
                    String id = assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber();
                    first.putIfAbsent(id, assertion);
                    counts.merge(id, 1, Integer::sum);
                }
                for (Map.Entry<String, TestAssertion> entry : first.entrySet()) {
                    TestAssertion assertion = entry.getValue();
                    Rule rule = validator.getProfile().getRuleByRuleId(assertion.getRuleId());
                    String description = rule != null ? rule.getDescription() : assertion.getMessage();
                    String where = assertion.getLocation() != null ? assertion.getLocation().getContext() : "";
                    String message = assertion.getErrorMessage() != null ? assertion.getErrorMessage() : "";
                    System.out.println("RULE\t" + entry.getKey() + "\t" + counts.get(entry.getKey()) + "\t"
                            + oneLine(description) + "\t" + oneLine(where) + "\t" + oneLine(message));
                }
            } catch (Exception exc) {
                System.out.println("ERROR\t" + path + "\t" + oneLine(String.valueOf(exc)));
                status = 2;
            }
        }
        System.exit(status);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
