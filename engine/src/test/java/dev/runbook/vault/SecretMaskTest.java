package dev.runbook.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {
    @Test
    void longSecretsAreMaskedAnywhere() {
        assertThat(SecretMask.mask("user=app pass=s3cret-x!", List.of("s3cret-x"))).isEqualTo("user=app pass=********!");
        assertThat(SecretMask.mask("xxs3cretxx", List.of("s3cret"))).isEqualTo("xx********xx");
    }

    @Test
    void shortSecretsAreMaskedWhereTheyStandAlone() {
        List<String> pin = List.of("q7x");
        assertThat(SecretMask.mask("q7x", pin)).isEqualTo("********");
        assertThat(SecretMask.mask("pin is q7x", pin)).isEqualTo("pin is ********");
        assertThat(SecretMask.mask("pass=q7x;", pin)).isEqualTo("pass=********;");
        assertThat(SecretMask.mask("{\"pin\": \"q7x\"}", pin)).isEqualTo("{\"pin\": \"********\"}");
        assertThat(SecretMask.mask("aq7x q7xy q7x_1 q7x7", pin)).isEqualTo("aq7x q7xy q7x_1 q7x7");
        assertThat(SecretMask.mask("rc=0 took 12ms", List.of("1"))).isEqualTo("rc=0 took 12ms");
        assertThat(SecretMask.appearsIn("{\"v\": \"q7x\"}", "q7x")).isTrue();
        assertThat(SecretMask.appearsIn("{\"v\": \"aq7x\"}", "q7x")).isFalse();
    }

    @Test
    void aLongerSecretIsMaskedBeforeAShorterOneInsideIt() {
        assertThat(SecretMask.mask("key ab and abcdef", List.of("ab", "abcdef"))).isEqualTo("key ******** and ********");
    }

    @Test
    void emptyAndBlankValuesAreNotSecrets() {
        assertThat(SecretMask.mask("a b", List.of("", " "))).isEqualTo("a b");
    }
}
