package dev.durable.workflow.store;

import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Creates the indexes the entities declare that an existing database lacks. The JPA provider creates a
 * table's indexes only with the table, so a database made by an earlier version would otherwise never
 * get an index added since; the entities' {@code @Table(indexes)} stay the one definition of the schema.
 */
@Stateless
@LocalBean
public class MissingIndexes {
    private static final Logger LOG = Logger.getLogger(MissingIndexes.class.getName());
    private static final List<Class<?>> ENTITIES = List.of(RunEntity.class, EventEntity.class, HookEntity.class,
            StreamEntity.class, StreamChunkEntity.class, WebhookReplyEntity.class);

    @Resource(name = "jdbc/workflow", lookup = "jdbc/workflow")
    DataSource dataSource;

    /** Creates each missing index; answers how many it created. Run after the tables exist. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int create() {
        int created = 0;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (Class<?> entity : ENTITIES) {
                Table table = entity.getAnnotation(Table.class);
                Set<String> present = indexes(meta, c.getSchema(), table.name());
                for (Index index : table.indexes()) {
                    if (!present.contains(index.name().toUpperCase(Locale.ROOT))) {
                        String ddl = "CREATE INDEX " + index.name() + " ON " + table.name() + " (" + index.columnList() + ")";
                        try (Statement s = c.createStatement()) {
                            s.execute(ddl);
                            created++;
                            LOG.info(() -> "Created an index this database did not have yet: " + ddl);
                        } catch (SQLException e) {
                            // another server may have created it meanwhile
                            LOG.warning(() -> "Could not run " + ddl + ": " + e.getMessage());
                        }
                    }
                }
            }
        } catch (SQLException e) {
            LOG.warning(() -> "Could not check the engine's indexes (" + e.getMessage() + "); the engine works without"
                    + " them, more slowly");
        }
        return created;
    }

    private static Set<String> indexes(DatabaseMetaData meta, String schema, String table) throws SQLException {
        String name = meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
        Set<String> names = new HashSet<>();
        try (ResultSet rs = meta.getIndexInfo(null, schema, name, false, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                if (index != null) {
                    names.add(index.toUpperCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
