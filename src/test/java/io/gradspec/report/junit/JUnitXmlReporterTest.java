package io.gradspec.report.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gradspec.report.Claims;
import io.gradspec.report.ReportFixtures;
import io.gradspec.report.ReportGoldenTest;
import io.gradspec.report.output.ReportFormat;
import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.SpecResult;
import io.gradspec.result.Status;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Every JUnit report validates against the Jenkins JUnit schema, and says what each verdict means. */
class JUnitXmlReporterTest {
  private static Schema schema;

  @BeforeAll static void loadSchema() throws SAXException {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    schema = f.newSchema(new StreamSource(Path.of("src/test/resources/junit/jenkins-junit.xsd").toFile()));
  }

  static void assertValid(String xml) {
    try {
      schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new AssertionError("not valid against jenkins-junit.xsd: " + e.getMessage() + "\n" + xml, e);
    }
  }

  static Stream<String> cases() { return ReportGoldenTest.cases(); }

  @ParameterizedTest @MethodSource("cases")
  void everyGoldenCaseIsValid(String name) {
    assertValid(ReportGoldenTest.junitXml(ReportFixtures.cases().get(name)));
  }

  /** The real thing: every spec that ships, with real times and the system clock. */
  @Test void aRealRunOfEverySpecIsValid() {
    RunResult run = Suite.run(List.of(Path.of("specs")), RunOptions.defaults());
    String xml = ReportFormat.JUNIT.reporter(false, false).render(run);
    assertValid(xml);
    Document doc = parse(xml);
    assertEquals(run.summary().claims(), doc.getElementsByTagName("testcase").getLength());
  }

  @Test void theSchemaRejectsWhatItShould() {
    // a guard that validation is real: skipped with an attribute is not Jenkins JUnit
    String bad = "<testsuites><testsuite name=\"a\" tests=\"1\"><testcase name=\"t\"><skipped message=\"m\"/>"
        + "</testcase></testsuite></testsuites>";
    assertThrows(SAXException.class, () -> schema.newValidator().validate(new StreamSource(new StringReader(bad))));
  }

  @Test void oneSuitePerFileOneCasePerClaimAndTheVerdictsMapped() {
    RunResult run = ReportFixtures.cases().get("mixed");
    Document doc = parse(ReportGoldenTest.junitXml(run));
    NodeList suites = doc.getElementsByTagName("testsuite");
    assertEquals(5, suites.getLength());
    Element outer = (Element) suites.item(1);
    assertEquals("specs/outer-product.yaml", outer.getAttribute("name"));
    Element tc = (Element) outer.getElementsByTagName("testcase").item(0);
    assertEquals("claim 1: d Y / d z", tc.getAttribute("name"));
    assertEquals("Y = x (B z)', outer product", tc.getAttribute("classname"));
    assertEquals("specs/outer-product.yaml", tc.getAttribute("file"));
    assertTrue(tc.getAttribute("line").matches("[1-9][0-9]*"), tc.getAttribute("line"));
    Element failure = (Element) tc.getElementsByTagName("failure").item(0);
    assertEquals("claimed d Y / d z disagrees with central differences in 21 of 27 components",
        failure.getAttribute("message"));
    assertTrue(failure.getTextContent().contains("[0, 1, 2]   6.000000e+00  -1.500000e+00"), failure.getTextContent());
    assertTrue(failure.getTextContent().contains("did you mean `layout: denominator`?"));
    // xfailed: a passing testcase with a note; error spec: one testcase with an error
    Element xfail = (Element) ((Element) suites.item(2)).getElementsByTagName("testcase").item(0);
    assertEquals(0, xfail.getElementsByTagName("failure").getLength());
    assertTrue(xfail.getElementsByTagName("system-out").item(0).getTextContent().startsWith("xfailed:"));
    Element broken = (Element) suites.item(3);
    assertEquals("1", broken.getAttribute("errors"));
    Element error = (Element) broken.getElementsByTagName("error").item(0);
    assertEquals("unknown name `b` in claim", error.getAttribute("message"));
    assertEquals("unknown-name", error.getAttribute("type"));
    assertTrue(error.getTextContent().contains("error[syntax]"), "all diagnostics in the body");
    assertEquals("1970-01-01T00:00:00", outer.getAttribute("timestamp"));
    assertEquals("0.000", outer.getAttribute("time"));
  }

  @Test void inconclusiveIsSkippedAndXpassedIsAFailure() {
    Document doc = parse(ReportGoldenTest.junitXml(ReportFixtures.cases().get("xpassed-inconclusive")));
    NodeList cases = doc.getElementsByTagName("testcase");
    Element xpassed = (Element) cases.item(0);
    assertEquals("claim-xpassed", ((Element) xpassed.getElementsByTagName("failure").item(0)).getAttribute("type"));
    Element inconclusive = (Element) cases.item(1);
    assertTrue(inconclusive.getElementsByTagName("skipped").item(0).getTextContent()
        .startsWith("claimed d l / d x is inconclusive: the function value is NaN"));
    assertEquals("1", ((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("skipped"));
  }

  @Test void charactersXmlCannotCarryAreReplacedAndCdataIsSplit() {
    SpecResult spec = ReportFixtures.outerProductSpec();
    ClaimResult c = spec.claims().get(0);
    Claims b = new Claims();
    b.status = Status.FAILED;
    b.of = "Y\u0000\u001b[31m";
    b.note = "ends ]]> here \uD800 lone, \uD83D\uDE00 paired, \uFFFF";
    b.claimSpan = c.claimSpan();
    b.claimText = c.claimText();
    b.components = 1;
    b.mismatches = 1;
    RunResult run = ReportFixtures.run(new SpecResult("weird\u0007.yaml", 0, "name \u0001", Status.FAILED, null,
        List.of(), List.of(b.build()), 0, 1));
    String xml = ReportGoldenTest.junitXml(run);
    assertValid(xml);
    Document doc = parse(xml);
    Element tc = (Element) doc.getElementsByTagName("testcase").item(0);
    assertEquals("claim 1: d Y\\u0000\\u001B[31m / d x", tc.getAttribute("name"));
    assertEquals("name \\u0001", tc.getAttribute("classname"));
    String body = tc.getElementsByTagName("failure").item(0).getTextContent();
    assertTrue(body.contains("ends ]]> here \\uD800 lone, \uD83D\uDE00 paired, \\uFFFF"), body);
    assertEquals("weird\\u0007.yaml", ((Element) doc.getElementsByTagName("testsuite").item(0)).getAttribute("name"));
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setCoalescing(true);
      return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed: " + e.getMessage() + "\n" + xml, e);
    }
  }
}
