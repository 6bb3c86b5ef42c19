package io.storelink.mapping;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Expression;

/**
 * What fills one Salesforce field, compiled once at start-up, evaluated per record:
 * <ul>
 * <li>a plain value is a path into the Shopify payload: {@code financial_status}, {@code shipping_address.country_code},
 * {@code note_attributes[0].value}. It is translated to a Jackson {@link JsonPointer} ({@code /note_attributes/0/value})
 * and Jackson walks the parsed payload: no hand-written evaluator, and no JsonPath engine per order for what is a
 * lookup. Text is trimmed and blank text is no value (a missing value is never written);</li>
 * <li>{@code simple:} and a Camel simple template: constants ({@code simple:Shopify}) and computed values
 * ({@code simple:Order $simple{body[name]} via $simple{body[payment_gateway_names][0]}}). The body is the payload as a
 * map, the variables are the computed values of {@link OrderVariables} / {@link FulfillmentVariables}. Written
 * {@code $simple{...}}, Camel's spelling for files Spring also reads ({@code ${a:b}} would be Spring's default).
 * Simple rather than JsonPath: the routes already speak it, and it builds text and constants, which JsonPath cannot.</li>
 * </ul>
 */
public sealed interface FieldExpression permits FieldExpression.Path, FieldExpression.Template {

    String SIMPLE = "simple:";

    /** A dotted path with [n] indexes; names are Shopify's snake_case keys. */
    Pattern PATH = Pattern.compile("[A-Za-z0-9_]+(\\[\\d+])*(\\.[A-Za-z0-9_]+(\\[\\d+])*)*");

    Object value(MappingInput input);

    /** As configured, for messages. */
    String text();

    static FieldExpression compile(String text, CamelContext camel) {
        String t = text.trim();
        if (t.startsWith(SIMPLE)) {
            Expression e = camel.resolveLanguage("simple").createExpression(t.substring(SIMPLE.length()));
            e.init(camel);
            return new Template(t, e, t.contains("body")); // only then is the payload turned into a map for it
        }
        if (!PATH.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is neither a path into the Shopify payload (e.g. "
                    + "shipping_address.country_code, note_attributes[0].value) nor simple:<Camel simple template>");
        }
        return new Path(t, JsonPointer.compile("/" + t.replace("[", ".").replace("]", "").replace('.', '/')));
    }

    /** A path into the payload, as a JSON pointer. */
    record Path(String text, JsonPointer pointer) implements FieldExpression {

        @Override
        public Object value(MappingInput input) {
            return plain(input.payload().at(pointer));
        }
    }

    /** A Camel simple template; {@code usesBody}: only then is the payload turned into a map for it. */
    record Template(String text, Expression expression, boolean usesBody) implements FieldExpression {

        @Override
        public Object value(MappingInput input) {
            Object v = expression.evaluate(input.exchange(usesBody), Object.class);
            return v instanceof String s ? blankToNull(s) : v;
        }
    }

    /** JSON to Java without a double: text, BigDecimal, Long/BigInteger, Boolean, lists; objects stay JsonNode. */
    static Object plain(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return blankToNull(node.textValue());
        }
        if (node.isIntegralNumber()) {
            BigInteger i = node.bigIntegerValue();
            return i.bitLength() < 64 ? (Object) i.longValue() : i;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(n -> items.add(n.isContainerNode() ? n : plain(n)));
            return items;
        }
        return node;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
