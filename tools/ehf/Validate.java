// Validates invoices as EHF Billing 3.0 / Peppol BIS Billing 3.0: first against the UBL 2.1
// Invoice schema, then against the CEN EN 16931 and the PEPPOL Schematron rules (as XSLT, run
// by Saxon-HE). Prints one line per finding, "<file>: <what> [<rule>] <flag>: <text>", and
// "<file>: valid" when a file has no error. Exits 0 when every file is valid, 1 when one is not.
// Warnings are printed, not counted. Run by validate.sh (java's single-file source launcher).
import java.io.File;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.Serializer;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

public class Validate {
  // The UBL schemas import these namespaces without a location: loaded first, in this order,
  // they are known when the Invoice schema imports them (as ph-ubl does it).
  static final String[] SCHEMAS = {
    "schemas/CCTS_CCT_SchemaModule.xsd",
    "schemas/xmldsig-core-schema.xsd",
    "schemas/XAdES01903v132-201601.xsd",
    "schemas/XAdES01903v141-201601.xsd",
    "external/schemas/ubl21/maindoc/UBL-Invoice-2.1.xsd",
  };
  static final String[] RULES = {
    "external/schematron/openpeppol/2024.11/xslt/CEN-EN16931-UBL.xslt",
    "external/schematron/openpeppol/2024.11/xslt/PEPPOL-EN16931-UBL.xslt",
  };
  static final String SVRL = "http://purl.oclc.org/dsdl/svrl";

  public static void main(String[] args) throws Exception {
    ClassLoader loader = Validate.class.getClassLoader();
    List<Source> schemaSources = new ArrayList<>();
    for (String schema : SCHEMAS) schemaSources.add(new StreamSource(loader.getResource(schema).toString()));
    SchemaFactory schemas = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Validator validator = schemas.newSchema(schemaSources.toArray(new Source[0])).newValidator();
    Processor saxon = new Processor(false);
    List<XsltExecutable> rules = new ArrayList<>();
    for (String rule : RULES) {
      URL url = loader.getResource(rule);
      rules.add(saxon.newXsltCompiler().compile(new StreamSource(url.openStream(), url.toString())));
    }
    boolean allValid = true;
    for (String name : args) {
      File file = new File(name);
      List<String> errors = new ArrayList<>();
      validator.setErrorHandler(new DefaultHandler() {
        @Override public void error(SAXParseException e) { errors.add("schema line " + e.getLineNumber() + ": " + e.getMessage()); }
        @Override public void fatalError(SAXParseException e) { errors.add("schema line " + e.getLineNumber() + ": " + e.getMessage()); }
      });
      validator.validate(new StreamSource(file));
      for (int i = 0; i < RULES.length; i++) {
        XsltTransformer transformer = rules.get(i).load();
        transformer.setSource(new StreamSource(file));
        StringWriter out = new StringWriter();
        Serializer serializer = saxon.newSerializer(out);
        transformer.setDestination(serializer);
        transformer.transform();
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        NodeList failed = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(out.toString()))).getElementsByTagNameNS(SVRL, "failed-assert");
        String ruleSet = new File(RULES[i]).getName().replace(".xslt", "");
        for (int n = 0; n < failed.getLength(); n++) {
          Element assertion = (Element) failed.item(n);
          String flag = assertion.getAttribute("flag");
          String text = assertion.getTextContent().trim().replaceAll("\\s+", " ");
          String line = ruleSet + " [" + assertion.getAttribute("id") + "] " + flag + ": " + text;
          if (flag.equals("warning")) System.out.println(name + ": " + line);
          else errors.add(line);
        }
      }
      for (String error : errors) System.out.println(name + ": " + error);
      if (errors.isEmpty()) System.out.println(name + ": valid");
      allValid &= errors.isEmpty();
    }
    System.exit(allValid ? 0 : 1);
  }
}
