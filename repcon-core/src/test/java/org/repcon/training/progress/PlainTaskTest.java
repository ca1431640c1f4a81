package org.repcon.training.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The log-line display of a task: a line per interval with count, percentage and ETA, one line at the end. */
class PlainTaskTest {
    @Test
    void printsProgressLinesAndOneClosingLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (TaskProgress task = ProgressDisplay.log(out, 0).task("sampling (ddpm)", 200, "image-steps")) {
            task.advance(50);
            task.advance(50);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("|", lines));
        assertTrue(lines[0].startsWith("sampling (ddpm): 50/200 image-steps (25%), "), lines[0]);
        assertTrue(lines[1].startsWith("sampling (ddpm): 100/200 image-steps (50%), "), lines[1]);
        assertTrue(lines[1].matches(".*ETA \\d+:\\d\\d:\\d\\d"), lines[1]);
        assertTrue(lines[2].matches("sampling \\(ddpm\\): 100 image-steps in \\d+\\.\\d s"), lines[2]);
    }

    @Test
    void waitsForTheIntervalAndClosesOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TaskProgress task = ProgressDisplay.log(out, 3600).task("bound", 10, "image-steps");
        task.advance(10);
        task.close();
        task.close();
        assertTrue(bytes.toString(StandardCharsets.UTF_8).matches("bound: 10 image-steps in \\d+\\.\\d s\\R"), bytes.toString(StandardCharsets.UTF_8));
    }
}
