package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.Run;
import dev.durable.workflow.api.WorkflowInfo;
import dev.durable.workflow.api.WorkflowService;
import dev.durable.workflow.it.modules.EjbModuleWorkflow;
import dev.durable.workflow.it.modules.WarWorkflow;
import jakarta.ejb.EJB;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Workflows live in any module of the application: its WAR, an EJB module of its own, a library in the
 * EAR's {@code lib/} (the samples). Each is found at deployment, listed, and executed, its steps inline
 * and in parallel.
 */
@ExtendWith(ArquillianExtension.class)
class ModulesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = TestEar.withTestClasses(ModulesIT.class, WarWorkflow.class, WarWorkflow.Steps.class);
        JavaArchive ejbModule = ShrinkWrap.create(JavaArchive.class, "orders-ejb.jar")
                .addClasses(EjbModuleWorkflow.class, EjbModuleWorkflow.Steps.class, EjbModuleWorkflow.Greeter.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return ear.addAsModule(ejbModule).setApplicationXML(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
                  <application-name>workflow</application-name>
                  <module><ejb>workflow-ejb.jar</ejb></module>
                  <module><ejb>orders-ejb.jar</ejb></module>
                  <module><web><web-uri>workflow-web.war</web-uri><context-root>/workflow</context-root></web></module>
                  <library-directory>lib</library-directory>
                </application>
                """));
    }

    @EJB
    WorkflowService workflows;

    @EJB
    InspectorAsAdmin inspector;

    @Test
    void workflowsInTheWarAnEjbModuleAndALibraryAreAllListed() {
        Map<String, String> classes = inspector.workflows().stream()
                .collect(Collectors.toMap(WorkflowInfo::name, WorkflowInfo::className));
        assertEquals(WarWorkflow.class.getName(), classes.get("inTheWar"));
        assertEquals(EjbModuleWorkflow.class.getName(), classes.get("inAnEjbModule"));
        assertEquals("dev.durable.workflow.samples.AddTen", classes.get("addTen"), "a library in the EAR's lib/");
    }

    @Test
    void aWorkflowInTheWarRunsItsStepsInlineAndInParallel() {
        Run<String> run = workflows.start(WarWorkflow.class, List.of("a"));
        assertEquals("war(a)+war(war(a))", run.returnValue(WAIT));
    }

    @Test
    void aWorkflowInAnEjbModuleOfTheApplicationRunsItsStepsInlineAndInParallel() {
        Run<String> run = workflows.start("inAnEjbModule", List.of("b"));
        assertEquals("ejb(b)+ejb(ejb(b))", run.returnValue(WAIT));
        assertTrue(inspector.listSteps(run.runId(), 10, null).data().size() == 2);
    }
}
