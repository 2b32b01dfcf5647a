package dev.durable.workflow.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/**
 * A Liberty server that a test starts, kills with SIGKILL and restarts itself (Arquillian's container
 * cannot survive its server being killed). Created by the build from liberty-config like the others.
 */
final class LibertyServer {
    private final Path wlp;
    private final String name;
    private final Http http;

    LibertyServer(String name, int httpPort) {
        this.wlp = Path.of(System.getProperty("wlp.home", "target/liberty/wlp")).toAbsolutePath();
        this.name = name;
        this.http = new Http("http://localhost:" + httpPort + "/workflow/api");
    }

    Http http() {
        return http;
    }

    void deploy(EnterpriseArchive ear) {
        Path dropins = wlp.resolve("usr/servers").resolve(name).resolve("dropins");
        try {
            Files.createDirectories(dropins);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ear.as(ZipExporter.class).exportTo(dropins.resolve("workflow.ear").toFile(), true);
    }

    /** Starts the server and waits until the application answers. */
    void start() {
        run("start");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.get("/workflows").statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // connection refused while the server starts
            }
            Http.sleep(250);
        }
        throw new AssertionError("Server " + name + " did not serve the application in time");
    }

    /** Starts a server without the application (a messaging engine) and waits until it accepts connections on {@code port}. */
    void startListeningOn(int port) {
        run("start");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Http.sleep(250);
            }
        }
        throw new AssertionError("Server " + name + " did not listen on port " + port + " in time");
    }

    /** Stops the server the polite way. */
    void stop() {
        run("stop");
    }

    /** Kills the server's JVM with SIGKILL: no shutdown hooks, no clean-up, like a power cut. */
    void kill() {
        Path pidFile = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("No process " + pid));
            new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start().waitFor();
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not kill server " + name, e);
        }
    }

    private void run(String action) {
        try {
            Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("server " + action + " " + name + " did not finish");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
