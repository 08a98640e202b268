package com.exampleco.timesheets.batch.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress line shows entries done, out of the total once the file is read to its
 * end, and the rate; and nothing at all when nobody watches.
 */
class ProgressLineTests {

	@Test
	void onATerminalItShowsDoneTotalAndRate() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ProgressLine progress = new ProgressLine(new PrintStream(out, true, StandardCharsets.UTF_8), true);

		progress.start("big.csv");
		progress.advance(500);
		String whileRead = out.toString(StandardCharsets.UTF_8);
		progress.total(1000);
		progress.finish();

		assertThat(whileRead).startsWith("\rbig.csv  500 entries  ").containsPattern("\\d+/s");
		assertThat(out.toString(StandardCharsets.UTF_8).substring(whileRead.length()))
			.startsWith("\rbig.csv  500/1000 entries  ")
			.containsPattern("\\d+/s");
	}

	@Test
	void withoutATerminalItStaysQuiet() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ProgressLine progress = new ProgressLine(new PrintStream(out, true, StandardCharsets.UTF_8), false);

		progress.start("big.csv");
		progress.total(1000);
		progress.advance(1000);
		progress.finish();

		assertThat(out.toByteArray()).isEmpty();
	}

	@Test
	void testsAndBuildsAreNotTerminals() {
		assertThat(ProgressLine.attachedToTerminal()).isFalse();
	}

}
