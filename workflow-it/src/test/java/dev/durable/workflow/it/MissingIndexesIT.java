package dev.durable.workflow.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.store.MissingIndexes;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database made before an index was declared gets it: with the stream chunks' run index dropped, as in
 * a database of an earlier version, the engine's start-up check creates it again, and a second check
 * finds nothing to do.
 */
@ExtendWith(ArquillianExtension.class)
class MissingIndexesIT {
    private static final String INDEX = "WF_STREAM_CHUNK_RUN";

    @Deployment
    static EnterpriseArchive deployment() {
        return TestEar.withTestClasses(MissingIndexesIT.class);
    }

    @EJB
    MissingIndexes indexes;

    @Resource(lookup = "jdbc/workflow")
    DataSource database;

    @Test
    void anIndexMissingFromAnExistingDatabaseIsCreated() throws SQLException {
        assertTrue(present(), "the tables were created with the index");
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP INDEX " + INDEX);
        }
        assertFalse(present());

        assertEquals(1, indexes.create(), "the one missing index was created");
        assertTrue(present());
        assertEquals(0, indexes.create(), "nothing is missing any more");
    }

    private boolean present() throws SQLException {
        try (Connection c = database.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String table = meta.storesLowerCaseIdentifiers() ? "wf_stream_chunk" : "WF_STREAM_CHUNK";
            try (ResultSet rs = meta.getIndexInfo(null, c.getSchema(), table, false, true)) {
                while (rs.next()) {
                    if (INDEX.equalsIgnoreCase(String.valueOf(rs.getString("INDEX_NAME")))) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
