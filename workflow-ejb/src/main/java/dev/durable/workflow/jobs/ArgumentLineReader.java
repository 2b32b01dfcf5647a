package dev.durable.workflow.jobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the {@code startRuns} job's input file, a JSON array of arguments per line (blank lines are
 * skipped). Its checkpoint is the number of lines read: a restart goes on after the last chunk committed.
 */
@Named("argumentLines")
@Dependent
public class ArgumentLineReader extends AbstractItemReader {

    /** One line of the file, numbered from 1. */
    record Line(long number, String text) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Inject @BatchProperty String inputFile;

    private BufferedReader reader;
    private long lines;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        Path file = Path.of(inputFile.strip());
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("The startRuns job's inputFile " + file.toAbsolutePath() + " does not exist on this server");
        }
        long done = checkpoint == null ? 0 : (Long) checkpoint;
        while (lines < done && reader.readLine() != null) {
            lines++;
        }
    }

    @Override
    public Object readItem() throws IOException {
        String text;
        while ((text = reader.readLine()) != null) {
            lines++;
            if (!text.isBlank()) {
                return new Line(lines, text);
            }
        }
        return null;
    }

    @Override
    public Serializable checkpointInfo() {
        return lines;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
