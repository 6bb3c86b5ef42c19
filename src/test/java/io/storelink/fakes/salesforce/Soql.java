package io.storelink.fakes.salesforce;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parser for the SOQL subset integrations use:
 * {@code SELECT f1, Rel.f2 | COUNT() | COUNT(f) [alias] FROM Obj [WHERE cond] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n]}
 * where cond combines {@code = != <> < <= > >= LIKE IN (..) NOT IN (..)} with AND, OR, NOT and parentheses.
 * Anything else is a MALFORMED_QUERY, as Salesforce would say for a syntax it does not know.
 */
final class Soql {

    /** A parsed query; {@code fields} are paths as written ("Name", "Account.Name"). */
    record Query(String object, List<String> fields, Count count, Expr where, List<Order> orderBy, Integer limit, Integer offset) {
    }

    /** COUNT() (field null) or COUNT(field) [alias]. */
    record Count(String field, String alias) {
    }

    record Order(String field, boolean descending, boolean nullsFirst) {
    }

    sealed interface Expr permits And, Or, Not, Compare, In {
    }

    record And(Expr left, Expr right) implements Expr {
    }

    record Or(Expr left, Expr right) implements Expr {
    }

    record Not(Expr inner) implements Expr {
    }

    /** op is one of = != < <= > >= LIKE; value a String, BigDecimal, Boolean, Literal date/datetime, or null. */
    record Compare(String field, String op, Object value) implements Expr {
    }

    record In(String field, List<Object> values, boolean negated) implements Expr {
    }

    /** Unquoted date (2024-01-31) or datetime (2024-01-31T10:00:00Z) literal, already in stored form. */
    record DateLiteral(String value, boolean dateTime) {
    }

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:?\\d{2})");

    private record Token(String text, boolean quoted) {
        boolean is(String keyword) {
            return !quoted && text.equalsIgnoreCase(keyword);
        }
    }

    private final String soql;
    private final List<Token> tokens;
    private int pos;

    private Soql(String soql) {
        this.soql = soql;
        this.tokens = tokenize(soql);
    }

    static Query parse(String soql) {
        if (soql == null || soql.isBlank()) {
            throw malformed("empty query");
        }
        return new Soql(soql.trim()).query();
    }

    private Query query() {
        expect("SELECT");
        Count count = null;
        List<String> fields = new ArrayList<>();
        if (peek().is("COUNT") && peekAt(1) != null && peekAt(1).is("(")) {
            next();
            expect("(");
            String countField = peek().is(")") ? null : identifier();
            expect(")");
            String alias = !peek().is("FROM") ? identifier() : null;
            count = new Count(countField, alias);
        } else {
            do {
                fields.add(identifier());
            } while (accept(","));
        }
        expect("FROM");
        String object = identifier();
        Expr where = accept("WHERE") ? or() : null;
        List<Order> orderBy = new ArrayList<>();
        if (accept("ORDER")) {
            expect("BY");
            do {
                String f = identifier();
                boolean desc = accept("DESC");
                if (!desc) {
                    accept("ASC");
                }
                boolean nullsFirst = true; // Salesforce sorts nulls first unless told otherwise
                if (accept("NULLS")) {
                    nullsFirst = accept("FIRST");
                    if (!nullsFirst) {
                        expect("LAST");
                    }
                }
                orderBy.add(new Order(f, desc, nullsFirst));
            } while (accept(","));
        }
        Integer limit = accept("LIMIT") ? integer() : null;
        Integer offset = accept("OFFSET") ? integer() : null;
        if (pos < tokens.size()) {
            throw unexpected(peek());
        }
        return new Query(object, fields, count, where, orderBy, limit, offset);
    }

    private Expr or() {
        Expr left = and();
        while (accept("OR")) {
            left = new Or(left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = factor();
        while (accept("AND")) {
            left = new And(left, factor());
        }
        return left;
    }

    private Expr factor() {
        if (accept("NOT")) {
            return new Not(factor());
        }
        if (accept("(")) {
            Expr inner = or();
            expect(")");
            return inner;
        }
        String field = identifier();
        if (accept("IN")) {
            return new In(field, list(), false);
        }
        if (accept("NOT")) {
            expect("IN");
            return new In(field, list(), true);
        }
        Token op = next();
        String operator = switch (op.quoted ? "" : op.text.toUpperCase(Locale.ROOT)) {
            case "=", "!=", "<", "<=", ">", ">=", "LIKE" -> op.text.toUpperCase(Locale.ROOT);
            case "<>" -> "!=";
            default -> throw unexpected(op);
        };
        return new Compare(field, operator, literal());
    }

    private List<Object> list() {
        expect("(");
        List<Object> values = new ArrayList<>();
        do {
            values.add(literal());
        } while (accept(","));
        expect(")");
        return values;
    }

    private Object literal() {
        Token t = next();
        if (t.quoted) {
            return t.text;
        }
        String s = t.text;
        if (s.equalsIgnoreCase("null")) {
            return null;
        }
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.valueOf(s);
        }
        if (DATE.matcher(s).matches()) {
            return new DateLiteral(s, false);
        }
        if (DATETIME.matcher(s).matches() && Values.isDateTime(s)) {
            return new DateLiteral(Values.normalizeDateTime(s), true);
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw unexpected(t);
        }
    }

    private String identifier() {
        Token t = next();
        if (t.quoted || !t.text.matches("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)*")) {
            throw unexpected(t);
        }
        return t.text;
    }

    private int integer() {
        Token t = next();
        try {
            return Integer.parseInt(t.text);
        } catch (NumberFormatException e) {
            throw unexpected(t);
        }
    }

    // ---- token plumbing ----

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : new Token("", true);
    }

    private Token peekAt(int ahead) {
        return pos + ahead < tokens.size() ? tokens.get(pos + ahead) : null;
    }

    private Token next() {
        if (pos >= tokens.size()) {
            throw malformed("unexpected end of query");
        }
        return tokens.get(pos++);
    }

    private boolean accept(String keyword) {
        if (pos < tokens.size() && tokens.get(pos).is(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String keyword) {
        if (!accept(keyword)) {
            throw pos < tokens.size() ? unexpected(peek()) : malformed("unexpected end of query, expecting " + keyword);
        }
    }

    private SfError unexpected(Token t) {
        return malformed("\n" + soql + "\nERROR at Row:1:Column:" + (column(t) + 1) + "\nunexpected token: '" + t.text + "'");
    }

    private int column(Token t) {
        int idx = soql.indexOf(t.text);
        return Math.max(idx, 0);
    }

    static SfError malformed(String message) {
        return SfError.badRequest("MALFORMED_QUERY", message);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw malformed("unterminated string literal");
                    }
                    char d = s.charAt(i++);
                    if (d == '\\' && i < s.length()) {
                        char e = s.charAt(i++);
                        sb.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> e; // \' \\ \" \% \_
                        });
                    } else if (d == '\'') {
                        break;
                    } else {
                        sb.append(d);
                    }
                }
                out.add(new Token(sb.toString(), true));
            } else if ("(),".indexOf(c) >= 0) {
                out.add(new Token(String.valueOf(c), false));
                i++;
            } else if ("=!<>".indexOf(c) >= 0) {
                int start = i++;
                if (i < s.length() && (s.charAt(i) == '=' || (c == '<' && s.charAt(i) == '>'))) {
                    i++;
                }
                String op = s.substring(start, i);
                if (op.equals("!")) {
                    throw malformed("unexpected token: '!'");
                }
                out.add(new Token(op, false));
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "(),'=!<>".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(s.substring(start, i), false));
            }
        }
        return out;
    }
}
