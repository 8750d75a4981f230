package dev.runbook.template.jinja;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Parser.ParseException;
import jinjava.de.odysseus.el.tree.impl.Scanner.ScanException;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import com.hubspot.jinjava.el.ext.AstTuple;

/**
 * Jinjava's expression syntax, plus a test after a filter ({@code x | default('') is match('a')}),
 * which Jinja2 allows and jinjava's parser rejects: after the filters, the parser goes on with
 * the same operator step that handles {@code is} after a plain value.
 */
public final class PySyntax extends ExtendedSyntaxBuilder {
    private static final long serialVersionUID = 1L;
    private static final Method PARSE_OPERATORS = parseOperators();

    public PySyntax() {
        super();
    }

    /** The expression factory builds its tree builder through this constructor. */
    public PySyntax(Builder.Feature... features) {
        super(features);
    }

    @Override
    protected Parser createParser(String expression) {
        return new PyParser(this, expression);
    }

    private static Method parseOperators() {
        try {
            Method m = ExtendedParser.class.getDeclaredMethod("parseOperators", AstNode.class);
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("this jinjava version has no ExtendedParser.parseOperators", e);
        }
    }

    static final class PyParser extends ExtendedParser {
        PyParser(Builder builder, String input) {
            super(builder, input);
            PyOperators.install(this);
        }

        @Override
        protected AstBinary createAstBinary(AstNode left, AstNode right, AstBinary.Operator operator) {
            return super.createAstBinary(left, right, PyOperators.python(operator));
        }

        @Override
        protected AstUnary createAstUnary(AstNode child, AstUnary.Operator operator) {
            return super.createAstUnary(child, PyOperators.python(operator));
        }

        @Override
        protected AstTuple createAstTuple(AstParameters parameters) throws ScanException, ParseException {
            return new PyOperators.Tuple(parameters);
        }

        @Override
        protected AstNode parseFiltersAsNestedMethods(AstNode left) throws ScanException, ParseException {
            AstNode filtered = super.parseFiltersAsNestedMethods(left);
            if (!"is".equals(getToken().getImage())) {
                return filtered;
            }
            try {
                return (AstNode) PARSE_OPERATORS.invoke(this, filtered);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof ParseException p) {
                    throw p;
                }
                if (e.getCause() instanceof ScanException s) {
                    throw s;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
