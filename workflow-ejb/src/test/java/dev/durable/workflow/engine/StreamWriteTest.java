package dev.durable.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.StreamWriter;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Steps write to their run's streams, chunk by chunk as JSON; a workflow cannot write (its replays would
 * write again), nor can code outside a run; names are checked.
 */
class StreamWriteTest {

    /** A step that writes its argument's letters to a stream. */
    @Workflow
    public static class Spells {
        public int run() {
            return StepCalls.step("Spells.spell", int.class, new Object[0], () -> {
                StreamWriter<String> out = Workflows.getWritable("letters");
                int last = -1;
                for (String letter : List.of("a", "b", "c")) {
                    last = out.write(letter);
                }
                out.close();
                Workflows.<Integer>getWritable().write(42);
                return last;
            });
        }
    }

    /** A workflow that tries to write itself. */
    @Workflow
    public static class WritesItself {
        public String run() {
            Workflows.getWritable().write("from the workflow");
            return "wrote";
        }
    }

    @Test
    void aStepWritesChunksInOrderAsJson() {
        LoadedRun run = TestRuns.newRun("wrun_spells", "[]");
        InMemoryJournal journal = new InMemoryJournal(run);
        assertEquals(Replayer.Outcome.COMPLETED, TestRuns.execute(run, journal, new Spells()));
        assertEquals(List.of("\"a\"", "\"b\"", "\"c\""), Deliveries.STREAMS.get("wrun_spells/letters"));
        assertEquals(List.of("42"), Deliveries.STREAMS.get("wrun_spells/default"));
    }

    @Test
    void aWorkflowWritingItselfFailsWithAClearMessage() {
        LoadedRun run = TestRuns.newRun("wrun_writes_itself", "[]");
        InMemoryJournal journal = new InMemoryJournal(run);
        assertEquals(Replayer.Outcome.FAILED, TestRuns.execute(run, journal, new WritesItself()));
        assertTrue(journal.failureMessage().contains("pass the stream's name to a step"), journal.failureMessage());
    }

    @Test
    void outsideARunThereIsNothingToWriteTo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Workflows.getWritable());
        assertTrue(e.getMessage().contains("from a step"), e.getMessage());
    }

    /** A step that asks for a stream whose name would not fit in a URL. */
    @Workflow
    public static class BadName {
        public String run() {
            return StepCalls.step("BadName.write", String.class, new Object[0], () -> {
                try {
                    Workflows.getWritable("a/b");
                    return "accepted";
                } catch (IllegalArgumentException e) {
                    return e.getMessage();
                }
            });
        }
    }

    @Test
    void aStreamNameMustFitInAUrl() {
        LoadedRun run = TestRuns.newRun("wrun_bad_name", "[]");
        InMemoryJournal journal = new InMemoryJournal(run);
        assertEquals(Replayer.Outcome.COMPLETED, TestRuns.execute(run, journal, new BadName()));
        assertTrue(journal.events().toString().contains("stream's name"), journal.events().toString());
    }
}
