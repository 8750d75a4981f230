package dev.runbook.modules.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbook.connection.CommandRequest;
import dev.runbook.connection.Connection;
import dev.runbook.connection.local.LocalConnection;
import dev.runbook.modules.Args;
import dev.runbook.modules.Change;
import dev.runbook.modules.ChangeKind;
import dev.runbook.modules.ModuleResult;
import dev.runbook.testing.MariaDbServer;
import dev.runbook.testing.TestModuleContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** mysql_variables against a real MariaDB: read, set when it differs, plan predicts, second run changes nothing. */
class MysqlVariablesTest {
    static MariaDbServer db;
    final List<CommandRequest> sent = new CopyOnWriteArrayList<>();
    final Connection recording = new MysqlModulesTest.Recording(new LocalConnection("localhost"), sent);
    final MysqlVariables module = new MysqlVariables();

    @BeforeAll
    static void startDatabase() {
        db = MariaDbServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    Args args(Map<String, Object> extra) {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("login_host", "127.0.0.1", "login_port", db.port(), "login_user", "root"));
        raw.putAll(extra);
        return TestModuleContext.args(module, raw);
    }

    String value(String name) {
        return db.sql("SELECT @@GLOBAL." + name).strip();
    }

    void converges(Map<String, Object> raw, String expectedStatement) throws Exception {
        Args a = args(raw);
        Change plan = module.check(new TestModuleContext(recording).checkMode(true), a);
        assertThat(plan.kind()).isEqualTo(ChangeKind.CHANGE);
        assertThat(plan.summary()).endsWith("(" + expectedStatement + ")");
        ModuleResult r = module.apply(new TestModuleContext(recording), a);
        assertThat(r.changed()).isTrue();
        assertThat(r.data()).containsEntry("queries", List.of(expectedStatement));
        Map<String, Object> registered = new LinkedHashMap<>(r.data());
        registered.put("changed", true);
        assertThat(plan.result()).as("the plan knew the result").isEqualTo(registered);
        assertThat(module.check(new TestModuleContext(recording).checkMode(true), a).kind()).isEqualTo(ChangeKind.NONE);
        ModuleResult again = module.apply(new TestModuleContext(recording), a);
        assertThat(again.changed()).isFalse();
        assertThat(again.data()).containsEntry("msg", "Variable is already set to requested value.");
    }

    @Test
    void readsAndSetsNumbersBooleansAndText() throws Exception {
        String before = value("max_connections");
        ModuleResult read = module.apply(new TestModuleContext(recording), args(Map.of("variable", "max_connections")));
        assertThat(read.changed()).isFalse();
        assertThat(read.data()).containsEntry("msg", before);
        String target = String.valueOf(Integer.parseInt(before) + 17);
        converges(Map.of("variable", "max_connections", "value", target), "SET GLOBAL `max_connections` = " + target);
        assertThat(value("max_connections")).isEqualTo(target);

        String slow = value("slow_query_log");
        String flip = slow.equals("1") ? "OFF" : "ON";
        converges(Map.of("variable", "slow_query_log", "value", flip), "SET GLOBAL `slow_query_log` = "
                + SqlRunner.literal(flip));
        assertThat(value("slow_query_log")).isEqualTo(flip.equals("ON") ? "1" : "0");
        assertThat(module.check(new TestModuleContext(recording).checkMode(true),
                args(Map.of("variable", "slow_query_log", "value", flip.equals("ON") ? "1" : "0"))).kind())
                .as("1 and ON are the same value").isEqualTo(ChangeKind.NONE);

        converges(Map.of("variable", "sql_mode", "value", "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION"),
                "SET GLOBAL `sql_mode` = " + SqlRunner.literal("STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION"));
        assertThat(sent).filteredOn(CommandRequest::readOnly).isNotEmpty()
                .allSatisfy(c -> assertThat(new String(c.stdin())).as("probes only read").doesNotContain("SET GLOBAL"));
    }

    @Test
    void unknownVariablesAndMariaDbRefusingPersistAreClearFailures() {
        assertThatThrownBy(() -> module.apply(new TestModuleContext(recording), args(Map.of("variable", "no_such_var", "value", "1"))))
                .hasMessage("Variable not available \"no_such_var\"");
        assertThat(module.validate(args(Map.of("variable", "x; DROP", "value", "1"))))
                .containsExactly("variable 'x; DROP' is not a server variable name (letters, digits, _)");
        assertThatThrownBy(() -> module.apply(new TestModuleContext(recording),
                args(Map.of("variable", "max_connections", "value", "33", "mode", "persist"))))
                .hasMessageStartingWith("SET PERSIST `max_connections` = 33 failed: ERROR");
    }
}
