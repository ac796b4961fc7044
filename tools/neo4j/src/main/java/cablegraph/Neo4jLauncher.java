package cablegraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Starts an embedded Neo4j Community DBMS with a Bolt connector for development and CI, because this machine
 * kind has no Docker and no tarball download, only Maven Central.
 *
 * <p>Usage: {@code Neo4jLauncher [port]}. Settings come from the environment so the shell scripts and CI can
 * override them without a rebuild:
 *
 * <ul>
 *   <li>{@code NEO4J_PORT} Bolt port on 127.0.0.1 (default 7687; the first argument wins over it)
 *   <li>{@code NEO4J_HOME_DIR} home folder for data and logs (default {@code .neo4j} in the working directory)
 *   <li>{@code NEO4J_PAGECACHE} page cache size such as {@code 1g} or {@code 512m} (default 1g)
 *   <li>{@code NEO4J_TX_TIMEOUT} transaction timeout in seconds (default 600)
 *   <li>{@code NEO4J_TX_MEMORY} cap on memory of all running transactions, such as {@code 1g} (default: Neo4j's
 *       own, 70% of the heap)
 *   <li>{@code NEO4J_SETTINGS} further Neo4j settings as {@code name=value} pairs separated by spaces, passed
 *       as they are (the offline import uses it to let index population merge Lucene segments in the
 *       background); a pair without {@code =} is an error
 * </ul>
 *
 * <p>When the default database answers {@code RETURN 1}, the launcher writes {@code <home>/ready} (holding its
 * pid) and prints a ready line; the scripts wait for that file. The file is removed on shutdown.
 */
public final class Neo4jLauncher {
    private static final long KIB = 1024L;
    private static final long MIB = 1024L * KIB;
    private static final long GIB = 1024L * MIB;

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        int port = parsePort(args.length > 0 ? args[0] : env("NEO4J_PORT", "7687"));
        Path home = Path.of(env("NEO4J_HOME_DIR", ".neo4j")).toAbsolutePath().normalize();
        long pageCache = parseBytes(env("NEO4J_PAGECACHE", "1g"));
        long txTimeoutSeconds = Long.parseLong(env("NEO4J_TX_TIMEOUT", "600"));
        String txMemory = System.getenv("NEO4J_TX_MEMORY");

        Path data = home.resolve("data");
        Path logs = home.resolve("logs");
        Path ready = home.resolve("ready");
        Files.createDirectories(data);
        Files.createDirectories(logs);
        Files.deleteIfExists(ready);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.data_directory, data)
                .setConfig(GraphDatabaseSettings.logs_directory, logs)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                // A runaway test query should fail, not hang CI until the 90-minute limit.
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds));
        if (txMemory != null && !txMemory.isBlank()) {
            builder.setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, parseBytes(txMemory));
        }
        Map<String, String> extra = parseSettings(env("NEO4J_SETTINGS", ""));
        if (!extra.isEmpty()) {
            // The builder takes raw settings only from a file in neo4j.conf's format.
            StringBuilder conf = new StringBuilder();
            extra.forEach((k, v) -> conf.append(k).append('=').append(v).append('\n'));
            Path extraConf = home.resolve("extra-settings.conf");
            Files.writeString(extraConf, conf, StandardCharsets.UTF_8);
            builder.loadPropertiesFromFile(extraConf);
            System.out.println("neo4j-launcher: extra settings " + extra);
        }

        System.out.printf("neo4j-launcher: starting Neo4j %s, bolt://127.0.0.1:%d, home %s, page cache %d MiB, "
                        + "heap max %d MiB, tx timeout %ds%n",
                neo4jVersion(), port, home, pageCache / MIB, Runtime.getRuntime().maxMemory() / MIB,
                txTimeoutSeconds);

        DatabaseManagementService dbms = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-launcher: shutting down");
            try {
                Files.deleteIfExists(ready);
            } catch (IOException e) {
                System.err.println("neo4j-launcher: could not remove " + ready + ": " + e);
            }
            dbms.shutdown();
            stopped.countDown();
            System.out.println("neo4j-launcher: stopped");
        }, "neo4j-shutdown"));

        // Touch the default database once so that start-up errors surface here, not in the first test.
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        db.executeTransactionally("RETURN 1");

        // Write the ready file atomically so a reader never sees a half-written pid.
        Path tmp = home.resolve("ready.tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, ready, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        System.out.printf("neo4j-launcher: READY bolt://127.0.0.1:%d (pid %d, started in %.1fs)%n",
                port, ProcessHandle.current().pid(), (System.nanoTime() - started) / 1e9);
        System.out.flush();
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static int parsePort(String s) {
        int port = Integer.parseInt(s.trim());
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + s);
        }
        return port;
    }

    /** Parses sizes like 1g, 512m, 1024k or a plain byte count. */
    /** Parses NEO4J_SETTINGS: {@code name=value} pairs separated by whitespace. */
    static Map<String, String> parseSettings(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.trim().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("NEO4J_SETTINGS: \"" + pair + "\" is not name=value");
            }
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }

    static long parseBytes(String s) {
        String v = s.trim().toLowerCase();
        if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        long mult = 1;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        switch (last) {
            case 'k' -> mult = KIB;
            case 'm' -> mult = MIB;
            case 'g' -> mult = GIB;
            default -> { }
        }
        if (mult != 1) {
            v = v.substring(0, v.length() - 1);
        }
        return Long.parseLong(v.trim()) * mult;
    }

    private static String neo4jVersion() {
        Package p = GraphDatabaseSettings.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "5.26" : v;
    }
}
