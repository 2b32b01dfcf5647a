package dev.durable.workflow.it;

import dev.durable.workflow.it.clash.ClashingSteps;
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
 * Two step methods of different classes with one step name fail the deployment: a parallel step is
 * executed by its name, so the name must say which method it is.
 */
@ExtendWith(ArquillianExtension.class)
class DuplicateStepNamesIT {

    @Deployment(testable = false)
    @ShouldThrowException
    static EnterpriseArchive deployment() {
        JavaArchive clash = ShrinkWrap.create(JavaArchive.class, "clash.jar")
                .addClasses(ClashingSteps.class, ClashingSteps.First.class, ClashingSteps.First.Steps.class,
                        ClashingSteps.Second.class, ClashingSteps.Second.Steps.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return TestEar.build().addAsLibrary(clash);
    }

    @Test
    void theApplicationDoesNotStart() {
        // the deployment's failure is the assertion (@ShouldThrowException)
    }
}
