package dev.durable.workflow.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One chunk of a stream; read in order through {@code WF_STREAM_CHUNK_RUN}, which leads with the run (the
 * primary key the provider generates leads with the stream's name, which every run's default stream shares).
 */
@Entity
@Table(name = Schema.STREAM_CHUNK, indexes = @Index(name = "WF_STREAM_CHUNK_RUN",
        columnList = Schema.RUN_ID + ", " + Schema.STREAM_NAME + ", " + Schema.CHUNK_INDEX))
@IdClass(StreamChunkEntity.Key.class)
public class StreamChunkEntity {
    @Id
    @Column(name = Schema.RUN_ID, nullable = false, length = 40)
    String runId;

    @Id
    @Column(name = Schema.STREAM_NAME, nullable = false, length = 100)
    String name;

    @Id
    @Column(name = Schema.CHUNK_INDEX, nullable = false)
    int index;

    @Lob
    @Column(name = Schema.CHUNK_DATA)
    String data;

    @Column(name = Schema.CREATED_AT, nullable = false)
    Instant createdAt;

    /** The primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        String runId;
        String name;
        int index;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(runId, k.runId) && Objects.equals(name, k.name) && index == k.index;
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, name, index);
        }
    }
}
