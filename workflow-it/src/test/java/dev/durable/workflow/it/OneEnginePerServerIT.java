package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One server runs one engine. A second application that brings the engine fails its deployment with
 * an error naming the application that has it, and the first one's runs go on unaffected: the second
 * never consumes the run queue.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OneEnginePerServerIT {
    private static final Path LOG = Path.of(System.getProperty("wlp.home", "target/liberty/wlp")).toAbsolutePath()
            .resolve("usr/servers")
            .resolve("postgresql".equals(System.getProperty("arquillian.launch")) ? "wf-pg" : "wf-derby")
            .resolve("logs/messages.log");

    @Deployment(name = "engine", testable = false)
    static EnterpriseArchive engine() {
        return TestEar.build();
    }

    /** Another application, "other", with an engine of its own. */
    @Deployment(name = "other", managed = false, testable = false)
    @ShouldThrowException
    static EnterpriseArchive other() {
        JavaArchive engine = TestEar.build().getAsType(JavaArchive.class, "workflow-ejb.jar");
        return ShrinkWrap.create(EnterpriseArchive.class, "other.ear").addAsModule(engine);
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void aSecondEngineIsRefusedAndTheFirstRunsOn(@ArquillianResource @OperateOnDeployment("engine") URL base)
            throws Exception {
        try {
            deployer.deploy("other");
        } finally {
            deployer.undeploy("other");
        }
        String log = Files.readString(LOG);
        assertTrue(log.contains("The application 'workflow' already runs the durable workflow engine on this server, "
                + "so 'other' cannot run one too"), "the deployment error names both applications");

        Http http = new Http(base.toExternalForm().replaceAll("/+$", "") + "/api");
        JsonObject done = http.awaitTerminal(http.start("{\"workflowName\":\"addTen\",\"args\":[1]}"), Duration.ofSeconds(60));
        assertEquals("completed", done.getString("status"), done.toString());
        assertEquals(11, done.getInt("output"));
    }
}
