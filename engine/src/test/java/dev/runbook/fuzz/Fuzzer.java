package dev.runbook.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A seeded fuzz loop for one target: first every input of the committed corpus
 * ({@code src/test/resources/fuzz/NAME/}, the regression inputs of earlier findings), then
 * mutations of the seeds for a time budget. An input that breaks the target's invariant, throws
 * anything unexpected, or runs past {@link #HANG} is written to {@code target/fuzz-findings/NAME/}
 * and fails the test with its path.
 *
 * <p>System properties: {@code fuzz.seconds} (budget per target, default 1), {@code fuzz.seed}
 * (default 1, so the suite is deterministic; a long run should pick its own).
 */
public final class Fuzzer {
    static final Duration HANG = Duration.ofSeconds(20);

    public interface Target {
        /** Runs one input; throws AssertionError when the invariant does not hold. */
        void run(byte[] input) throws Exception;
    }

    private Fuzzer() {
    }

    public static int run(String name, List<byte[]> seeds, Target target) throws Exception {
        List<byte[]> all = new ArrayList<>(seeds);
        all.addAll(corpus(name));
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + name);
            t.setDaemon(true);
            return t;
        });
        int runs = 0;
        try {
            for (byte[] input : all) {
                check(name, target, input, worker);
                runs++;
            }
            long seconds = Long.getLong("fuzz.seconds", 1);
            Random random = new Random(Long.getLong("fuzz.seed", 1));
            Mutator mutator = new Mutator(all);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                check(name, target, mutator.next(random), worker);
                runs++;
            }
        } finally {
            worker.shutdownNow();
        }
        return runs;
    }

    private static void check(String name, Target target, byte[] input, ExecutorService worker) throws Exception {
        Future<?> f = worker.submit(() -> {
            target.run(input);
            return null;
        });
        try {
            f.get(HANG.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError(name + ": no answer within " + HANG.toSeconds() + " s for " + save(name, input), e);
        } catch (ExecutionException e) {
            throw new AssertionError(name + ": " + e.getCause() + " for " + save(name, input), e.getCause());
        }
    }

    /** The regression inputs committed for {@code name}. */
    static List<byte[]> corpus(String name) throws IOException {
        Path dir = Path.of("src/test/resources/fuzz", name);
        List<byte[]> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path p : files.sorted().toList()) {
                    out.add(Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    private static Path save(String name, byte[] input) throws IOException, NoSuchAlgorithmException {
        Path dir = Files.createDirectories(Path.of("target/fuzz-findings", name));
        String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input)).substring(0, 16);
        return Files.write(dir.resolve(id), input).toAbsolutePath();
    }
}
