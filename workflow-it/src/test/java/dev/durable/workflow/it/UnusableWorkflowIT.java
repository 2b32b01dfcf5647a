package dev.durable.workflow.it;

import dev.durable.workflow.it.unusable.NoConstructorWorkflow;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A workflow class CDI cannot make a bean of (here: no constructor it can call) fails the deployment,
 * rather than being missing from the registered workflows without a word.
 */
@ExtendWith(ArquillianExtension.class)
class UnusableWorkflowIT {

    @Deployment(testable = false)
    @ShouldThrowException
    static EnterpriseArchive deployment() {
        JavaArchive unusable = ShrinkWrap.create(JavaArchive.class, "unusable.jar")
                .addClasses(NoConstructorWorkflow.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return TestEar.build().addAsLibrary(unusable);
    }

    @Test
    void theApplicationDoesNotStart() {
        // the deployment's failure is the assertion (@ShouldThrowException)
    }
}
