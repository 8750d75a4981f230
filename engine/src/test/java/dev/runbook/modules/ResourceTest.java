package dev.runbook.modules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which resources a plan treats as the same thing. */
class ResourceTest {
    @Test
    void pathsOverlapByPrefixInBothDirectionsOnWholeNames() {
        Resource b = Resource.path("/a/b");
        assertThat(b.overlaps(Resource.path("/a"))).isTrue();
        assertThat(b.overlaps(Resource.path("/a/b/c"))).isTrue();
        assertThat(b.overlaps(Resource.path("/a/b/"))).isTrue();
        assertThat(b.overlaps(Resource.path("/a//b/./c/../d"))).isTrue();
        assertThat(b.overlaps(Resource.path("/a/bc"))).isFalse();
        assertThat(b.overlaps(Resource.path("/x"))).isFalse();
        assertThat(b.overlaps(Resource.path("/"))).isTrue();
        assertThat(Resource.path("/a/../b").key()).isEqualTo("/b");
    }

    @Test
    void anEntryOverlapsItselfAndWhatIsAboveItNotWhatIsBelow() {
        Resource dir = Resource.entry("/a/b");
        assertThat(dir.overlaps(Resource.path("/a/b"))).isTrue();
        assertThat(Resource.path("/a").overlaps(dir)).isTrue();
        assertThat(dir.overlaps(Resource.path("/"))).isTrue();
        assertThat(dir.overlaps(Resource.path("/a/b/c"))).isFalse();
        assertThat(dir.overlaps(Resource.path("/a/bc"))).isFalse();
        assertThat(dir.overlaps(Resource.entry("/a/b/c"))).isTrue();
        assertThat(dir.overlaps(Resource.anything())).isTrue();
        assertThat(dir.overlaps(Resource.named("package", "/a/b"))).isFalse();
        assertThat(dir.describe()).isEqualTo("/a/b");
    }

    @Test
    void databasesOverlapOnTheSameServerAndName() {
        Resource shop = Resource.database("127.0.0.1", 3306L, null, "shop");
        assertThat(shop.overlaps(Resource.database(null, null, null, "shop"))).isTrue();
        assertThat(shop.overlaps(Resource.database("localhost", 3306L, null, "shop"))).isTrue();
        assertThat(shop.overlaps(Resource.database("127.0.0.1", 3306L, null, "other"))).isFalse();
        assertThat(shop.overlaps(Resource.database("127.0.0.1", 3307L, null, "shop"))).isFalse();
        assertThat(shop.overlaps(Resource.database("db.example", 3306L, null, "shop"))).isFalse();
        assertThat(shop.overlaps(Resource.database("127.0.0.1", 3306L, null, null))).as("the whole server").isTrue();
        assertThat(shop.overlaps(Resource.path("/var/lib/mysql/shop"))).isFalse();
        assertThat(shop.describe()).isEqualTo("database shop on localhost:3306");
        assertThat(Resource.database(null, null, "/run/mysqld/mysqld.sock", null).describe())
                .isEqualTo("database server socket /run/mysqld/mysqld.sock");
    }

    @Test
    void namedResourcesOverlapByKindAndNameAndAnythingOverlapsAll() {
        assertThat(Resource.named("package", "nginx").overlaps(Resource.named("package", "nginx"))).isTrue();
        assertThat(Resource.named("package", "nginx").overlaps(Resource.named("service", "nginx"))).isFalse();
        assertThat(Resource.anything().overlaps(Resource.path("/etc"))).isTrue();
        assertThat(Resource.database(null, null, null, "x").overlaps(Resource.anything())).isTrue();
    }
}
