package dev.durable.workflow.store;

import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Whether the workflow database answers: a connection from the pool, checked by the driver, outside any transaction. */
@Stateless
@LocalBean
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabasePing {
    private static final int VALID_SECONDS = 3;

    @Resource(name = "jdbc/workflow", lookup = "jdbc/workflow")
    DataSource dataSource;

    /**
     * The database as the driver names it, product, version and URL (without its query, where a password
     * could be), for the engine's start-up line; what the driver said if there is none.
     */
    public String describe() {
        try (Connection connection = dataSource.getConnection()) {
            var meta = connection.getMetaData();
            String url = String.valueOf(meta.getURL());
            int query = url.indexOf('?');
            return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " at "
                    + (query < 0 ? url : url.substring(0, query));
        } catch (SQLException e) {
            return "a database that did not answer (" + e.getMessage() + ")";
        }
    }

    /** Returns normally when a connection is valid; throws what the pool or the driver said otherwise. */
    public void ping() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALID_SECONDS)) {
                throw new SQLException("the connection did not answer within " + VALID_SECONDS + " s");
            }
        }
    }
}
