package com.exampleco.timesheets.batch.run;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * A single progress line ("orders.csv 12000/100000 entries 2350/s"), redrawn in place at
 * most a few times a second, and only when a person is watching: on a terminal, never
 * into a log file or a CI transcript. Delivery starts while the file is still read, so
 * the total is shown once the whole file has been read ("orders.csv 12000 entries").
 */
final class ProgressLine {

	private static final long REDRAW_NANOS = 250_000_000L;

	private final PrintStream out;

	private final boolean enabled;

	private String label = "";

	/** Entries in the file, or -1 while it is still being read. */
	private int total = -1;

	private int done;

	private long startedAt;

	private long drawnAt;

	ProgressLine(PrintStream out, boolean enabled) {
		this.out = out;
		this.enabled = enabled;
	}

	static ProgressLine forSetting(RunProperties.Progress setting) {
		boolean enabled = switch (setting) {
			case ALWAYS -> true;
			case NEVER -> false;
			case AUTO -> attachedToTerminal();
		};
		return new ProgressLine(System.err, enabled);
	}

	/**
	 * {@code System.console()} is null when a stream is redirected, up to JDK 21; from
	 * JDK 22 it may exist anyway and {@code Console.isTerminal()} tells. Compiled for 17,
	 * so that method is looked up, not called directly.
	 */
	static boolean attachedToTerminal() {
		Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			Method isTerminal = Console.class.getMethod("isTerminal");
			return (Boolean) isTerminal.invoke(console);
		}
		catch (ReflectiveOperationException ex) {
			return true;
		}
	}

	void start(String label) {
		this.label = label;
		this.total = -1;
		this.done = 0;
		this.startedAt = System.nanoTime();
		this.drawnAt = 0;
	}

	void total(int entries) {
		this.total = entries;
	}

	void advance(int entries) {
		this.done += entries;
		long now = System.nanoTime();
		if (this.enabled && now - this.drawnAt >= REDRAW_NANOS) {
			this.drawnAt = now;
			draw(now);
		}
	}

	void finish() {
		if (this.enabled && this.done > 0) {
			draw(System.nanoTime());
			this.out.println();
		}
	}

	private void draw(long now) {
		double seconds = Math.max(now - this.startedAt, 1) / 1e9;
		String count = (this.total >= 0) ? this.done + "/" + this.total : Integer.toString(this.done);
		this.out.printf(Locale.ROOT, "\r%s  %s entries  %.0f/s   ", this.label, count, this.done / seconds);
		this.out.flush();
	}

}
