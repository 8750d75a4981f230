package dev.runbook.modules.db;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Parses the client's {@code --xml} output: one XML document per statement that returned a
 * result set, concatenated. NULL arrives as {@code xsi:nil="true"} and becomes null.
 */
final class XmlResultSets {
    private static final String DECL = "<?xml version=\"1.0\"?>";

    private XmlResultSets() {
    }

    static List<List<Map<String, Object>>> parse(String output) {
        List<List<Map<String, Object>>> sets = new ArrayList<>();
        for (String doc : output.split(java.util.regex.Pattern.quote(DECL))) {
            if (!doc.isBlank()) {
                sets.add(rows(doc));
            }
        }
        return sets;
    }

    private static List<Map<String, Object>> rows(String doc) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            Document d = b.parse(new InputSource(new StringReader(doc)));
            List<Map<String, Object>> out = new ArrayList<>();
            NodeList rows = d.getElementsByTagName("row");
            for (int i = 0; i < rows.getLength(); i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                NodeList fields = ((Element) rows.item(i)).getElementsByTagName("field");
                for (int j = 0; j < fields.getLength(); j++) {
                    Element field = (Element) fields.item(j);
                    boolean nil = "true".equals(field.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
                    row.put(field.getAttribute("name"), nil ? null : field.getTextContent());
                }
                out.add(row);
            }
            return out;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable result from the database client: " + e.getMessage(), e);
        }
    }
}
