package dev.runbook.template.jinja;

import com.hubspot.jinjava.el.ext.AdditionOperator;
import com.hubspot.jinjava.el.ext.AstTuple;
import com.hubspot.jinjava.el.ext.OrOperator;
import com.hubspot.jinjava.el.ext.PowerOfOperator;
import com.hubspot.jinjava.el.ext.StringConcatOperator;
import com.hubspot.jinjava.el.ext.TruncDivOperator;
import com.hubspot.jinjava.objects.collections.PyList;
import java.util.Map;
import java.util.function.BinaryOperator;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBinary;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import jinjava.javax.el.ELContext;

/**
 * The parser's operators replaced by {@link PyOps}: jinjava's own follow Java EL (which converts
 * strings to numbers and divides by zero into Infinity). {@code and}/{@code or} return one of
 * their operands, as in Python.
 */
final class PyOperators {
    private PyOperators() {
    }

    /** An operator evaluating both sides, then applying a Python function. */
    private record Simple(String name, BinaryOperator<Object> fn) implements AstBinary.Operator {
        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            return fn.apply(left.eval(bindings, context), right.eval(bindings, context));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private record Logic(boolean and) implements AstBinary.Operator {
        @Override
        public Object eval(Bindings bindings, ELContext context, AstNode left, AstNode right) {
            Object l = left.eval(bindings, context);
            if (l instanceof Undefined) {
                return l;
            }
            return Py.truthy(l) == and ? right.eval(bindings, context) : l;
        }

        @Override
        public String toString() {
            return and ? "and" : "or";
        }
    }

    static final AstBinary.Operator ADD = new Simple("+", PyOps::add);
    static final AstBinary.Operator SUB = new Simple("-", PyOps::sub);
    static final AstBinary.Operator MUL = new Simple("*", PyOps::mul);
    static final AstBinary.Operator DIV = new Simple("/", PyOps::div);
    static final AstBinary.Operator FLOOR_DIV = new Simple("//", PyOps::floorDiv);
    static final AstBinary.Operator MOD = new Simple("%", PyOps::mod);
    static final AstBinary.Operator POW = new Simple("**", PyOps::pow);
    static final AstBinary.Operator CONCAT = new Simple("~", PyOps::concat);
    static final AstBinary.Operator EQ = new Simple("==", (a, b) -> PyOps.equal(a, b));
    static final AstBinary.Operator NE = new Simple("!=", (a, b) -> !PyOps.equal(a, b));
    static final AstBinary.Operator LT = new Simple("<", (a, b) -> PyOps.compare(a, b, "<") < 0);
    static final AstBinary.Operator LE = new Simple("<=", (a, b) -> PyOps.compare(a, b, "<=") <= 0);
    static final AstBinary.Operator GT = new Simple(">", (a, b) -> PyOps.compare(a, b, ">") > 0);
    static final AstBinary.Operator GE = new Simple(">=", (a, b) -> PyOps.compare(a, b, ">=") >= 0);
    static final AstBinary.Operator AND = new Logic(true);
    static final AstBinary.Operator OR = new Logic(false);

    private static final Map<AstBinary.Operator, AstBinary.Operator> REPLACED = Map.ofEntries(
        Map.entry(AstBinary.ADD, ADD), Map.entry(AdditionOperator.OP, ADD), Map.entry(AstBinary.SUB, SUB),
        Map.entry(AstBinary.MUL, MUL), Map.entry(AstBinary.DIV, DIV), Map.entry(AstBinary.MOD, MOD),
        Map.entry(AstBinary.EQ, EQ), Map.entry(AstBinary.NE, NE), Map.entry(AstBinary.LT, LT),
        Map.entry(AstBinary.LE, LE), Map.entry(AstBinary.GT, GT), Map.entry(AstBinary.GE, GE),
        Map.entry(AstBinary.AND, AND), Map.entry(AstBinary.OR, OR), Map.entry(OrOperator.OP, OR));

    static AstBinary.Operator python(AstBinary.Operator op) {
        return REPLACED.getOrDefault(op, op);
    }

    /** {@code not} by Python truthiness ({@code not 'false'} is False); {@code -x} only for numbers. */
    static AstUnary.Operator python(AstUnary.Operator op) {
        if (op == AstUnary.NOT) {
            return (bindings, context, node) -> {
                Object v = node.eval(bindings, context);
                return v instanceof Undefined ? v : !Py.truthy(v);
            };
        }
        if (op == AstUnary.NEG) {
            return (bindings, context, node) -> {
                Object v = negatable(node.eval(bindings, context));
                return v instanceof Double d ? (Object) (-d) : PyOps.sub(0L, v);
            };
        }
        return op;
    }

    private static Object negatable(Object v) {
        if (!PyOps.isNumber(v)) {
            throw new FilterFailure("bad operand type for unary -: '" + Py.typeName(v) + "'");
        }
        return v;
    }

    /** Replaces the handlers that build {@code ~}, {@code //} and {@code **} nodes. */
    static void install(Parser parser) {
        parser.putExtensionHandler(StringConcatOperator.TOKEN, handler(StringConcatOperator.HANDLER, CONCAT));
        parser.putExtensionHandler(TruncDivOperator.TOKEN, handler(TruncDivOperator.HANDLER, FLOOR_DIV));
        parser.putExtensionHandler(PowerOfOperator.TOKEN, handler(PowerOfOperator.HANDLER, POW));
    }

    private static Parser.ExtensionHandler handler(Parser.ExtensionHandler original, AstBinary.Operator op) {
        return new Parser.ExtensionHandler(original.getExtensionPoint()) {
            @Override
            public AstNode createAstNode(AstNode... children) {
                return new AstBinary(children[0], children[1], op);
            }
        };
    }

    /** A tuple literal evaluates to a {@link PyTuple}. */
    static final class Tuple extends AstTuple {
        Tuple(AstParameters parameters) {
            super(parameters);
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            Object v = super.eval(bindings, context);
            return v instanceof PyList l ? new PyTuple(l.toList()) : v;
        }
    }
}
