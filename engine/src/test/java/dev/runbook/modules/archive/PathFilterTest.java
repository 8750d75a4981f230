package dev.runbook.modules.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathFilterTest {
    static PathFilter f(String... patterns) {
        return PathFilter.of(List.of(patterns));
    }

    @Test
    void plainNameMatchesAtAnyDepth() {
        PathFilter f = f("config.php");
        assertThat(f.excludes("config.php", false)).isTrue();
        assertThat(f.excludes("admin/config.php", false)).isTrue();
        assertThat(f.excludes("config.php.bak", false)).isFalse();
        assertThat(f.excludes("myconfig.php", false)).isFalse();
    }

    @Test
    void leadingSlashAnchorsToTheRoot() {
        PathFilter f = f("/admin/config.php");
        assertThat(f.excludes("admin/config.php", false)).isTrue();
        assertThat(f.excludes("config.php", false)).isFalse();
        assertThat(f.excludes("x/admin/config.php", false)).isFalse();
    }

    @Test
    void unanchoredPathPatternMatchesTrailingComponents() {
        PathFilter f = f("admin/config.php");
        assertThat(f.excludes("admin/config.php", false)).isTrue();
        assertThat(f.excludes("shop/admin/config.php", false)).isTrue();
        assertThat(f.excludes("xadmin/config.php", false)).isFalse();
    }

    @Test
    void trailingSlashMatchesDirectoriesAndEverythingBelow() {
        PathFilter f = f("cache/");
        assertThat(f.excludes("cache", true)).isTrue();
        assertThat(f.excludes("cache", false)).isFalse();
        assertThat(f.excludes("system/storage/cache/x/y.txt", false)).isTrue();
        assertThat(f.excludes("cachefile", false)).isFalse();
    }

    @Test
    void starStaysInOneNameDoubleStarCrossesDirectories() {
        PathFilter star = f("*.log");
        assertThat(star.excludes("error.log", false)).isTrue();
        assertThat(star.excludes("logs/2024/error.log", false)).isTrue();
        assertThat(star.excludes("error.log.1", false)).isFalse();
        PathFilter anchoredStar = f("/logs/*.log");
        assertThat(anchoredStar.excludes("logs/a.log", false)).isTrue();
        assertThat(anchoredStar.excludes("logs/2024/a.log", false)).isFalse();
        PathFilter deep = f("/logs/**.log");
        assertThat(deep.excludes("logs/2024/a.log", false)).isTrue();
        PathFilter under = f("storage/**");
        assertThat(under.excludes("storage", true)).isFalse();
        assertThat(under.excludes("storage/a/b", false)).isTrue();
        PathFilter anyDirs = f("/**/secret.txt");
        assertThat(anyDirs.excludes("secret.txt", false)).isTrue();
        assertThat(anyDirs.excludes("a/b/secret.txt", false)).isTrue();
    }

    @Test
    void questionMarkAndClasses() {
        PathFilter f = f("file?.[ch]", "[!a]x");
        assertThat(f.excludes("file1.c", false)).isTrue();
        assertThat(f.excludes("file12.c", false)).isFalse();
        assertThat(f.excludes("file1.o", false)).isFalse();
        assertThat(f.excludes("bx", false)).isTrue();
        assertThat(f.excludes("ax", false)).isFalse();
    }

    @Test
    void regexCharactersInNamesAreLiteral() {
        PathFilter f = f("a+b(1).php");
        assertThat(f.excludes("a+b(1).php", false)).isTrue();
        assertThat(f.excludes("aab(1)xphp", false)).isFalse();
    }

    @Test
    void noPatternsExcludeNothingAndEmptyOnesAreRefused() {
        assertThat(PathFilter.none().excludes("anything", false)).isFalse();
        assertThatThrownBy(() -> f(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
