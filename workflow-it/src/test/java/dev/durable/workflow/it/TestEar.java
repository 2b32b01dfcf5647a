package dev.durable.workflow.it;

import dev.durable.workflow.it.fixtures.Counting;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The application under test: the EAR that the build produced, unchanged, plus a library of test
 * workflows. Named {@code workflow.ear} so the application name matches server.xml's activation spec.
 */
final class TestEar {
    private TestEar() {
    }

    static EnterpriseArchive build() {
        EnterpriseArchive ear = ShrinkWrap.createFromZipFile(EnterpriseArchive.class,
                new File(System.getProperty("workflow.ear", "target/workflow.ear")));
        JavaArchive fixtures = ShrinkWrap.create(JavaArchive.class, "workflow-it-fixtures.jar")
                .addPackage(Counting.class.getPackage())
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
        return ShrinkWrap.create(EnterpriseArchive.class, "workflow.ear").merge(ear).addAsLibrary(fixtures);
    }

    /**
     * The EAR with test classes added to its web module, for tests that run inside the server; with
     * {@link InspectorAsAdmin}, and the binding that names the user it runs as.
     */
    static EnterpriseArchive withTestClasses(Class<?>... classes) {
        EnterpriseArchive ear = build();
        ear.getAsType(WebArchive.class, "workflow-web.war").addClasses(classes).addClass(InspectorAsAdmin.class);
        ear.delete("META-INF/ibm-application-bnd.xml");
        ear.addAsManifestResource("security/ibm-application-bnd.xml", "ibm-application-bnd.xml");
        return ear;
    }
}
