package dev.runbook.template.jinja;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import java.util.Properties;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeBuilder;
import jinjava.javax.el.ExpressionFactory;

/** Jinjava with the {@link PySyntax} expression parser. */
final class PyJinjava extends Jinjava {
    private final ExpressionFactory factory;

    PyJinjava(JinjavaConfig config) {
        super(config);
        Properties properties = new Properties();
        properties.setProperty(TreeBuilder.class.getName(), PySyntax.class.getName());
        factory = new ExpressionFactoryImpl(properties, new TruthyTypeConverter());
    }

    @Override
    public ExpressionFactory getExpressionFactory() {
        return factory;
    }
}
