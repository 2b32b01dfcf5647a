package dev.durable.workflow.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One output stream of a run. Its row is what writers of the stream lock, one at a time, to take the
 * next index: so chunks become visible in index order.
 */
@Entity
@Table(name = Schema.STREAM)
@IdClass(StreamEntity.Key.class)
public class StreamEntity {
    @Id
    @Column(name = Schema.RUN_ID, nullable = false, length = 40)
    String runId;

    @Id
    @Column(name = Schema.STREAM_NAME, nullable = false, length = 100)
    String name;

    @Column(name = Schema.CHUNK_COUNT, nullable = false)
    int chunks;

    @Column(name = Schema.CLOSED, nullable = false)
    boolean closed;

    @Column(name = Schema.CREATED_AT, nullable = false)
    Instant createdAt;

    /** The primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String runId;
        String name;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, name);
        }
    }
}
