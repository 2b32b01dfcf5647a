package dev.durable.workflow.bench.server;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The measuring module's JAX-RS application, deployed at {@code /bench} only by the benchmark. */
@ApplicationPath("/")
public class BenchApplication extends Application {
}
